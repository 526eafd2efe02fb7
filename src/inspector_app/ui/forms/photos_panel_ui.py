# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'photos_panel.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

class Ui_PhotosPanel(object):
    def setupUi(self, PhotosPanel):
        if not PhotosPanel.objectName():
            PhotosPanel.setObjectName(u"PhotosPanel")
        PhotosPanel.resize(560, 360)
        self.layout = QVBoxLayout(PhotosPanel)
        self.layout.setObjectName(u"layout")
        self.layout.setContentsMargins(0, 0, 0, 0)
        self.emptyLabel = QLabel(PhotosPanel)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setWordWrap(True)

        self.layout.addWidget(self.emptyLabel)

        self.photos = QListWidget(PhotosPanel)
        self.photos.setObjectName(u"photos")
        self.photos.setAcceptDrops(False)
        self.photos.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.photos.setDragEnabled(False)
        self.photos.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.photos.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.photos.setIconSize(QSize(128, 128))
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setSpacing(6)
        self.photos.setGridSize(QSize(156, 184))
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setUniformItemSizes(True)
        self.photos.setWordWrap(True)

        self.layout.addWidget(self.photos)

        self.captionRow = QHBoxLayout()
        self.captionRow.setObjectName(u"captionRow")
        self.captionLabel = QLabel(PhotosPanel)
        self.captionLabel.setObjectName(u"captionLabel")

        self.captionRow.addWidget(self.captionLabel)

        self.caption = QLineEdit(PhotosPanel)
        self.caption.setObjectName(u"caption")
        self.caption.setClearButtonEnabled(True)

        self.captionRow.addWidget(self.caption)


        self.layout.addLayout(self.captionRow)

        self.importRow = QWidget(PhotosPanel)
        self.importRow.setObjectName(u"importRow")
        self.importLayout = QHBoxLayout(self.importRow)
        self.importLayout.setObjectName(u"importLayout")
        self.importLayout.setContentsMargins(0, 0, 0, 0)
        self.importLabel = QLabel(self.importRow)
        self.importLabel.setObjectName(u"importLabel")

        self.importLayout.addWidget(self.importLabel)

        self.importBar = QProgressBar(self.importRow)
        self.importBar.setObjectName(u"importBar")
        self.importBar.setValue(0)
        self.importBar.setFormat(u"%v / %m")

        self.importLayout.addWidget(self.importBar)

        self.cancelImportButton = QPushButton(self.importRow)
        self.cancelImportButton.setObjectName(u"cancelImportButton")

        self.importLayout.addWidget(self.cancelImportButton)


        self.layout.addWidget(self.importRow)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.addButton = QPushButton(PhotosPanel)
        self.addButton.setObjectName(u"addButton")

        self.buttonRow.addWidget(self.addButton)

        self.annotateButton = QPushButton(PhotosPanel)
        self.annotateButton.setObjectName(u"annotateButton")

        self.buttonRow.addWidget(self.annotateButton)

        self.deleteButton = QPushButton(PhotosPanel)
        self.deleteButton.setObjectName(u"deleteButton")

        self.buttonRow.addWidget(self.deleteButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)


        self.layout.addLayout(self.buttonRow)

#if QT_CONFIG(shortcut)
        self.captionLabel.setBuddy(self.caption)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.photos, self.caption)
        QWidget.setTabOrder(self.caption, self.addButton)
        QWidget.setTabOrder(self.addButton, self.annotateButton)
        QWidget.setTabOrder(self.annotateButton, self.deleteButton)

        self.retranslateUi(PhotosPanel)

        QMetaObject.connectSlotsByName(PhotosPanel)
    # setupUi

    def retranslateUi(self, PhotosPanel):
        PhotosPanel.setWindowTitle(QCoreApplication.translate("PhotosPanel", u"Photos", None))
        self.emptyLabel.setText(QCoreApplication.translate("PhotosPanel", u"No photos yet. Add them, or drop image files here.", None))
#if QT_CONFIG(accessibility)
        self.photos.setAccessibleName(QCoreApplication.translate("PhotosPanel", u"Photos", None))
#endif // QT_CONFIG(accessibility)
        self.captionLabel.setText(QCoreApplication.translate("PhotosPanel", u"&Caption:", None))
        self.caption.setPlaceholderText(QCoreApplication.translate("PhotosPanel", u"What the photo shows, e.g. MOU line 3: cracked windscreen", None))
        self.importLabel.setText(QCoreApplication.translate("PhotosPanel", u"Importing photos\u2026", None))
        self.cancelImportButton.setText(QCoreApplication.translate("PhotosPanel", u"Cancel import", None))
#if QT_CONFIG(tooltip)
        self.addButton.setToolTip(QCoreApplication.translate("PhotosPanel", u"Add photos or PDF documents from files (you can also drop them here)", None))
#endif // QT_CONFIG(tooltip)
        self.addButton.setText(QCoreApplication.translate("PhotosPanel", u"&Add photos\u2026", None))
#if QT_CONFIG(tooltip)
        self.annotateButton.setToolTip(QCoreApplication.translate("PhotosPanel", u"Mark the defect with arrows, circles and text; the original photo is kept", None))
#endif // QT_CONFIG(tooltip)
        self.annotateButton.setText(QCoreApplication.translate("PhotosPanel", u"A&nnotate\u2026", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("PhotosPanel", u"Delete the selected photos (Delete key; Undo brings them back)", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("PhotosPanel", u"&Delete", None))
    # retranslateUi

