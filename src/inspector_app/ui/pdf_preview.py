"""A scrolling preview of a PDF's pages, rendered with PDFium (pypdfium2), fitted to the width, form fields
included (the signatures' appearances, a provisional report's marks: PDFium draws them only in its form
environment).

Before the first PDF the pane says how to make one, so it is never blank.
"""

from __future__ import annotations

import pypdfium2 as pdfium
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from inspector_app.i18n import _

RENDER_SCALE = 1.5  # 108 dpi: sharp at the usual preview widths, and quick to render


class PdfPreview(QScrollArea):
    """The pages of one PDF, one under the other; ``show_pdf`` replaces them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._pages: list[QImage] = []
        self._labels: list[QLabel] = []
        host = QWidget()
        self._layout = QVBoxLayout(host)
        self.placeholder = QLabel(_("No report yet — press Generate to preview it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._layout.addWidget(self.placeholder)
        self.setWidget(host)

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def page_image(self, index: int) -> QImage:
        """Page ``index`` (0 = first) as rendered, before it is fitted to the width."""
        return self._pages[index]

    def show_pdf(self, pdf: bytes) -> None:
        """Render every page of ``pdf`` (a PDF the app wrote) and show them."""
        document = pdfium.PdfDocument(pdf)
        document.init_forms()
        try:
            self._pages = [_image(document[n]) for n in range(len(document))]
        finally:
            document.close()
        self.placeholder.hide()
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        for number, _page in enumerate(self._pages, 1):
            label = QLabel()
            label.setAccessibleName(f"page {number}")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self._labels.append(label)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802  (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = max(self.viewport().width() - 24, 100)
        for label, page in zip(self._labels, self._pages, strict=True):
            pixmap = QPixmap.fromImage(page).scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())  # whole pages: the scroll area scrolls, it never squeezes


def _image(page: pdfium.PdfPage) -> QImage:
    bitmap = page.render(scale=RENDER_SCALE)
    try:
        image = bitmap.to_pil().convert("RGB")
    finally:
        bitmap.close()
        page.close()
    data = image.tobytes()
    return QImage(data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888).copy()
