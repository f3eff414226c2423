"""Render the application icon's PNG sizes, the Windows .ico and the macOS .icns from its SVG.

Run after changing resources/icons/org.r2p.Desktop.svg and commit what it writes:
    .venv/bin/python scripts/render-icons.py
Qt's own SVG renderer draws each size (so small sizes are drawn, not shrunk from a large bitmap);
Pillow, which ReportLab already brings, packs the sizes into .ico and .icns.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "org.r2p.Desktop"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 32, 48, 64, 128, 256)  # 256 is the largest an .ico holds
ICNS_SIZES = (16, 32, 64, 128, 256, 512)  # the sizes macOS's icon families use, below 1024


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def to_pillow(image: QImage) -> Image.Image:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is shown: no display needed
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / f"{APP_ID}.svg"))
    if not renderer.isValid():
        print(f"render-icons: {APP_ID}.svg is not a valid SVG", file=sys.stderr)
        return 1
    images = {}
    for size in SIZES:
        image = render(renderer, size)
        image.save(str(ICONS / f"{APP_ID}-{size}.png"))
        images[size] = to_pillow(image)
    largest = images[max(ICO_SIZES)]
    largest.save(ICONS / f"{APP_ID}.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)])
    images[512].save(ICONS / f"{APP_ID}.icns", format="ICNS",
                     append_images=[images[s] for s in ICNS_SIZES if s != 512])
    print(f"wrote {len(SIZES)} PNG sizes, {APP_ID}.ico and {APP_ID}.icns to {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
