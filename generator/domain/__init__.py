"""What several stages share: procedure graphs, page addresses, lane names, fee and deadline wording.

Rules, render, flowchart and compliance import from here; nothing here imports a stage.
"""
