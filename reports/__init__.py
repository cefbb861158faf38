"""The top layer: reads every process app to compute indicators and build reports."""
