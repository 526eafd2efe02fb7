# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'report_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout, QWidget

class Ui_ReportDialog(object):
    def setupUi(self, ReportDialog):
        if not ReportDialog.objectName():
            ReportDialog.setObjectName(u"ReportDialog")
        ReportDialog.resize(900, 760)
        self.layout = QVBoxLayout(ReportDialog)
        self.layout.setObjectName(u"layout")
        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.languageLabel = QLabel(ReportDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.toolbar.addWidget(self.languageLabel)

        self.language = QComboBox(ReportDialog)
        self.language.setObjectName(u"language")

        self.toolbar.addWidget(self.language)

        self.generate = QPushButton(ReportDialog)
        self.generate.setObjectName(u"generate")

        self.toolbar.addWidget(self.generate)

        self.cancel = QPushButton(ReportDialog)
        self.cancel.setObjectName(u"cancel")
        self.cancel.setEnabled(False)

        self.toolbar.addWidget(self.cancel)

        self.progress = QProgressBar(ReportDialog)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximum(0)
        self.progress.setVisible(False)

        self.toolbar.addWidget(self.progress)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toolbar.addItem(self.spacer)

        self.save = QPushButton(ReportDialog)
        self.save.setObjectName(u"save")
        self.save.setEnabled(False)

        self.toolbar.addWidget(self.save)

        self.sign = QPushButton(ReportDialog)
        self.sign.setObjectName(u"sign")
        self.sign.setEnabled(False)

        self.toolbar.addWidget(self.sign)


        self.layout.addLayout(self.toolbar)

        self.status = QLabel(ReportDialog)
        self.status.setObjectName(u"status")
        self.status.setWordWrap(True)

        self.layout.addWidget(self.status)

        self.previewHost = QWidget(ReportDialog)
        self.previewHost.setObjectName(u"previewHost")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(1)
        sizePolicy.setHeightForWidth(self.previewHost.sizePolicy().hasHeightForWidth())
        self.previewHost.setSizePolicy(sizePolicy)
        self.previewLayout = QVBoxLayout(self.previewHost)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(0, -1, -1, -1)

        self.layout.addWidget(self.previewHost)

#if QT_CONFIG(shortcut)
        self.languageLabel.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ReportDialog)

        QMetaObject.connectSlotsByName(ReportDialog)
    # setupUi

    def retranslateUi(self, ReportDialog):
        ReportDialog.setWindowTitle(QCoreApplication.translate("ReportDialog", u"Report", None))
        self.languageLabel.setText(QCoreApplication.translate("ReportDialog", u"&Language", None))
        self.generate.setText(QCoreApplication.translate("ReportDialog", u"&Generate", None))
        self.cancel.setText(QCoreApplication.translate("ReportDialog", u"Ca&ncel", None))
        self.save.setText(QCoreApplication.translate("ReportDialog", u"&Save as\u2026", None))
        self.sign.setText(QCoreApplication.translate("ReportDialog", u"Sign &digitally\u2026", None))
    # retranslateUi

