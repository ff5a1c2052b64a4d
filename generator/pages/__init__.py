"""The pages layer: every page and published file of a site, made from one context (`context.Context`), built
once per build. `tree.tree` makes them all; each other module makes the pages it is named for."""
