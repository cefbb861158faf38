"""The shared core every process builds on: offices and scoping, fiscal years, the working-day calendar, action
plans and scoring, evidence files, spreadsheet imports and exports, PDF rendering, Thai text and dates.

The bottom layer: it imports no process app and nothing of `pmqa` (the project package on top). What the core
must call in the layers above (a process that wants to hear of a holiday change) is handed to it at start-up.
"""
