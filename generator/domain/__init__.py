"""What several stages share: procedure graphs, page addresses, lane names, fee and deadline wording.

Rules, the audience stage, the pages, flowchart and compliance import from here; nothing here imports a stage.
"""
