"""A PDF's text as an assessor reads it: poppler's pdftotext (the layout kept, or not), and its outline."""
import subprocess
import tempfile
from pathlib import Path


def pdf_text(pdf: bytes, *args: str, layout: bool = True) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.pdf"
        path.write_bytes(pdf)
        command = ["pdftotext", *(["-layout"] if layout else []), *args, str(path), "-"]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def pdf_images(pdf: bytes) -> list[str]:
    """One line of `pdfimages -list` per image drawn on a page (page, size …)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.pdf"
        path.write_bytes(pdf)
        listing = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True).stdout
    return [line for line in listing.splitlines()[2:] if line.strip()]


def squeezed(text: str) -> str:
    """The text without spaces or line ends: a phrase that wraps across lines or cells still matches."""
    return "".join(text.split())


def outline_titles(pdf: bytes, *, nested: bool = False) -> list[str]:
    """The titles of the PDF outline's top level (its bookmarks), or of every level depth first (`nested`)."""
    import io

    from pypdf import PdfReader

    def walk(items):
        for item in items:
            if isinstance(item, list):
                if nested:
                    yield from walk(item)
            else:
                yield item.title

    return list(walk(PdfReader(io.BytesIO(pdf)).outline))
