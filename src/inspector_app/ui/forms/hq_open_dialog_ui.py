# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_open_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

class Ui_HqOpenDialog(object):
    def setupUi(self, HqOpenDialog):
        if not HqOpenDialog.objectName():
            HqOpenDialog.setObjectName(u"HqOpenDialog")
        HqOpenDialog.setMinimumSize(QSize(600, 0))
        self.layout = QVBoxLayout(HqOpenDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(HqOpenDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.local = QRadioButton(HqOpenDialog)
        self.local.setObjectName(u"local")
        self.local.setChecked(True)

        self.layout.addWidget(self.local)

        self.localPath = QLabel(HqOpenDialog)
        self.localPath.setObjectName(u"localPath")
        self.localPath.setIndent(24)
        self.localPath.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.localPath)

        self.file = QRadioButton(HqOpenDialog)
        self.file.setObjectName(u"file")

        self.layout.addWidget(self.file)

        self.fileRow = QHBoxLayout()
        self.fileRow.setObjectName(u"fileRow")
        self.fileRow.setContentsMargins(24, -1, -1, -1)
        self.filePath = QLineEdit(HqOpenDialog)
        self.filePath.setObjectName(u"filePath")

        self.fileRow.addWidget(self.filePath)

        self.browse = QPushButton(HqOpenDialog)
        self.browse.setObjectName(u"browse")
        self.browse.setAutoDefault(False)

        self.fileRow.addWidget(self.browse)


        self.layout.addLayout(self.fileRow)

        self.server = QRadioButton(HqOpenDialog)
        self.server.setObjectName(u"server")

        self.layout.addWidget(self.server)

        self.serverRow = QHBoxLayout()
        self.serverRow.setObjectName(u"serverRow")
        self.serverRow.setContentsMargins(24, -1, -1, -1)
        self.url = QLineEdit(HqOpenDialog)
        self.url.setObjectName(u"url")
        self.url.setPlaceholderText(u"postgresql+psycopg://user:password@host/database")

        self.serverRow.addWidget(self.url)


        self.layout.addLayout(self.serverRow)

        self.status = QLabel(HqOpenDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.status)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.progress = QProgressBar(HqOpenDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximum(0)
        self.progress.setTextVisible(False)

        self.buttonRow.addWidget(self.progress)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)

        self.openButton = QPushButton(HqOpenDialog)
        self.openButton.setObjectName(u"openButton")

        self.buttonRow.addWidget(self.openButton)

        self.cancelButton = QPushButton(HqOpenDialog)
        self.cancelButton.setObjectName(u"cancelButton")
        self.cancelButton.setAutoDefault(False)

        self.buttonRow.addWidget(self.cancelButton)


        self.layout.addLayout(self.buttonRow)

        QWidget.setTabOrder(self.local, self.file)
        QWidget.setTabOrder(self.file, self.filePath)
        QWidget.setTabOrder(self.filePath, self.browse)
        QWidget.setTabOrder(self.browse, self.server)
        QWidget.setTabOrder(self.server, self.url)
        QWidget.setTabOrder(self.url, self.openButton)
        QWidget.setTabOrder(self.openButton, self.cancelButton)

        self.retranslateUi(HqOpenDialog)

        self.openButton.setDefault(True)


        QMetaObject.connectSlotsByName(HqOpenDialog)
    # setupUi

    def retranslateUi(self, HqOpenDialog):
        HqOpenDialog.setWindowTitle(QCoreApplication.translate("HqOpenDialog", u"Open HQ database", None))
        self.intro.setText(QCoreApplication.translate("HqOpenDialog", u"HQ mode shows HQ's consolidation database: every mission's units, their serviceability over time, and the field reports imported into it. This laptop's own inspections stay as they are.", None))
        self.local.setText(QCoreApplication.translate("HqOpenDialog", u"The HQ database of &this data folder", None))
        self.file.setText(QCoreApplication.translate("HqOpenDialog", u"Another SQLite &file", None))
        self.filePath.setPlaceholderText(QCoreApplication.translate("HqOpenDialog", u"An hq.sqlite file", None))
#if QT_CONFIG(accessibility)
        self.filePath.setAccessibleName(QCoreApplication.translate("HqOpenDialog", u"SQLite file", None))
#endif // QT_CONFIG(accessibility)
        self.browse.setText(QCoreApplication.translate("HqOpenDialog", u"B&rowse\u2026", None))
        self.server.setText(QCoreApplication.translate("HqOpenDialog", u"A &PostgreSQL server", None))
#if QT_CONFIG(accessibility)
        self.url.setAccessibleName(QCoreApplication.translate("HqOpenDialog", u"PostgreSQL URL", None))
#endif // QT_CONFIG(accessibility)
        self.openButton.setText(QCoreApplication.translate("HqOpenDialog", u"&Open", None))
        self.cancelButton.setText(QCoreApplication.translate("HqOpenDialog", u"Ca&ncel", None))
    # retranslateUi

