"""Thai PDF rendering shared by every report: `render.render_pdf` and the WeasyPrint line-break fix."""
