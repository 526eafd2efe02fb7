# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'annotate_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QButtonGroup, QDialogButtonBox, QGraphicsView, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QToolButton, QVBoxLayout, QWidget

class Ui_AnnotateDialog(object):
    def setupUi(self, AnnotateDialog):
        if not AnnotateDialog.objectName():
            AnnotateDialog.setObjectName(u"AnnotateDialog")
        AnnotateDialog.resize(900, 680)
        self.layout = QVBoxLayout(AnnotateDialog)
        self.layout.setObjectName(u"layout")
        self.toolRow = QHBoxLayout()
        self.toolRow.setObjectName(u"toolRow")
        self.arrowButton = QToolButton(AnnotateDialog)
        self.tools = QButtonGroup(AnnotateDialog)
        self.tools.setObjectName(u"tools")
        self.tools.addButton(self.arrowButton)
        self.arrowButton.setObjectName(u"arrowButton")
        self.arrowButton.setCheckable(True)
        self.arrowButton.setChecked(True)
        self.arrowButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.toolRow.addWidget(self.arrowButton)

        self.circleButton = QToolButton(AnnotateDialog)
        self.tools.addButton(self.circleButton)
        self.circleButton.setObjectName(u"circleButton")
        self.circleButton.setCheckable(True)
        self.circleButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.toolRow.addWidget(self.circleButton)

        self.textButton = QToolButton(AnnotateDialog)
        self.tools.addButton(self.textButton)
        self.textButton.setObjectName(u"textButton")
        self.textButton.setCheckable(True)
        self.textButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.toolRow.addWidget(self.textButton)

        self.undoButton = QToolButton(AnnotateDialog)
        self.undoButton.setObjectName(u"undoButton")
        self.undoButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.toolRow.addWidget(self.undoButton)

        self.toolSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolRow.addItem(self.toolSpacer)


        self.layout.addLayout(self.toolRow)

        self.view = QGraphicsView(AnnotateDialog)
        self.view.setObjectName(u"view")
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setRenderHints(QPainter.RenderHint.Antialiasing|QPainter.RenderHint.SmoothPixmapTransform|QPainter.RenderHint.TextAntialiasing)

        self.layout.addWidget(self.view)

        self.hint = QLabel(AnnotateDialog)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.layout.addWidget(self.hint)

        self.captionRow = QHBoxLayout()
        self.captionRow.setObjectName(u"captionRow")
        self.captionLabel = QLabel(AnnotateDialog)
        self.captionLabel.setObjectName(u"captionLabel")

        self.captionRow.addWidget(self.captionLabel)

        self.caption = QLineEdit(AnnotateDialog)
        self.caption.setObjectName(u"caption")

        self.captionRow.addWidget(self.caption)


        self.layout.addLayout(self.captionRow)

        self.message = QLabel(AnnotateDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(AnnotateDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.captionLabel.setBuddy(self.caption)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.arrowButton, self.circleButton)
        QWidget.setTabOrder(self.circleButton, self.textButton)
        QWidget.setTabOrder(self.textButton, self.undoButton)
        QWidget.setTabOrder(self.undoButton, self.view)
        QWidget.setTabOrder(self.view, self.caption)

        self.retranslateUi(AnnotateDialog)
        self.buttons.rejected.connect(AnnotateDialog.reject)

        QMetaObject.connectSlotsByName(AnnotateDialog)
    # setupUi

    def retranslateUi(self, AnnotateDialog):
        AnnotateDialog.setWindowTitle(QCoreApplication.translate("AnnotateDialog", u"Annotate photo", None))
#if QT_CONFIG(tooltip)
        self.arrowButton.setToolTip(QCoreApplication.translate("AnnotateDialog", u"Draw an arrow: drag from its tail to the defect (A)", None))
#endif // QT_CONFIG(tooltip)
        self.arrowButton.setText(QCoreApplication.translate("AnnotateDialog", u"Arrow", None))
#if QT_CONFIG(tooltip)
        self.circleButton.setToolTip(QCoreApplication.translate("AnnotateDialog", u"Draw a circle around the defect: drag across it (C)", None))
#endif // QT_CONFIG(tooltip)
        self.circleButton.setText(QCoreApplication.translate("AnnotateDialog", u"Circle", None))
#if QT_CONFIG(tooltip)
        self.textButton.setToolTip(QCoreApplication.translate("AnnotateDialog", u"Write text: click where it goes, then type the words (T)", None))
#endif // QT_CONFIG(tooltip)
        self.textButton.setText(QCoreApplication.translate("AnnotateDialog", u"Text", None))
#if QT_CONFIG(tooltip)
        self.undoButton.setToolTip(QCoreApplication.translate("AnnotateDialog", u"Remove the last mark (Ctrl+Z)", None))
#endif // QT_CONFIG(tooltip)
        self.undoButton.setText(QCoreApplication.translate("AnnotateDialog", u"Undo last mark", None))
#if QT_CONFIG(accessibility)
        self.view.setAccessibleName(QCoreApplication.translate("AnnotateDialog", u"Photo to annotate", None))
#endif // QT_CONFIG(accessibility)
        self.hint.setText(QCoreApplication.translate("AnnotateDialog", u"Drag on the photo to draw. Saving adds an annotated copy; the original photo is kept.", None))
        self.captionLabel.setText(QCoreApplication.translate("AnnotateDialog", u"Ca&ption:", None))
    # retranslateUi

