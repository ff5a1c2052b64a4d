"""Registers beyond 二(二): enforcement inspections, normative documents, complaints and commitments,
requests for disclosure, assessment results, and the statutory annual report computed from them.
"""
