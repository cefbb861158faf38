"""The complaints REST API (registered in pmqa/api.py): intake, the scoped list, workflow actions, Open311."""
