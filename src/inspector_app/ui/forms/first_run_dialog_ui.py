# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(FirstRunDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(FirstRunDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(FirstRunDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(FirstRunDialog)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.roleLabel = QLabel(FirstRunDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(FirstRunDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.role)


        self.layout.addLayout(self.form)

        self.demo = QRadioButton(FirstRunDialog)
        self.demo.setObjectName(u"demo")
        self.demo.setChecked(True)
        self.demo.setEnabled(True)

        self.layout.addWidget(self.demo)

        self.reference = QRadioButton(FirstRunDialog)
        self.reference.setObjectName(u"reference")
        self.reference.setChecked(False)
        self.reference.setEnabled(True)

        self.layout.addWidget(self.reference)

        self.referenceBox = QWidget(FirstRunDialog)
        self.referenceBox.setObjectName(u"referenceBox")
        self.referenceForm = QFormLayout(self.referenceBox)
        self.referenceForm.setObjectName(u"referenceForm")
        self.referenceForm.setContentsMargins(24, 0, 0, 0)
        self.packageLabel = QLabel(self.referenceBox)
        self.packageLabel.setObjectName(u"packageLabel")

        self.referenceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.packageLabel)

        self.packageRow = QHBoxLayout()
        self.packageRow.setObjectName(u"packageRow")
        self.packagePath = QLineEdit(self.referenceBox)
        self.packagePath.setObjectName(u"packagePath")

        self.packageRow.addWidget(self.packagePath)

        self.browse = QPushButton(self.referenceBox)
        self.browse.setObjectName(u"browse")
        self.browse.setAutoDefault(False)

        self.packageRow.addWidget(self.browse)


        self.referenceForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.packageRow)

        self.fingerprintLabel = QLabel(self.referenceBox)
        self.fingerprintLabel.setObjectName(u"fingerprintLabel")

        self.referenceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fingerprintLabel)

        self.fingerprint = QLineEdit(self.referenceBox)
        self.fingerprint.setObjectName(u"fingerprint")

        self.referenceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fingerprint)

        self.referenceStatus = QLabel(self.referenceBox)
        self.referenceStatus.setObjectName(u"referenceStatus")
        self.referenceStatus.setWordWrap(True)

        self.referenceForm.setWidget(2, QFormLayout.ItemRole.SpanningRole, self.referenceStatus)


        self.layout.addWidget(self.referenceBox)

        self.empty = QRadioButton(FirstRunDialog)
        self.empty.setObjectName(u"empty")
        self.empty.setChecked(False)
        self.empty.setEnabled(True)

        self.layout.addWidget(self.empty)

        self.buttons = QDialogButtonBox(FirstRunDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.roleLabel.setBuddy(self.role)
        self.packageLabel.setBuddy(self.packagePath)
        self.fingerprintLabel.setBuddy(self.fingerprint)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.demo)
        QWidget.setTabOrder(self.demo, self.reference)
        QWidget.setTabOrder(self.reference, self.packagePath)
        QWidget.setTabOrder(self.packagePath, self.browse)
        QWidget.setTabOrder(self.browse, self.fingerprint)
        QWidget.setTabOrder(self.fingerprint, self.empty)

        self.retranslateUi(FirstRunDialog)

        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"Welcome to Inspector", None))
        self.intro.setText(QCoreApplication.translate("FirstRunDialog", u"This data folder is empty. Tell us who you are, then choose how to start. Your name is recorded with every change you make.", None))
        self.nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Your &name", None))
        self.name.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"e.g. Jane Martin", None))
        self.roleLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Your &role", None))
        self.demo.setText(QCoreApplication.translate("FirstRunDialog", u"Load the &demo mission (two FPUs, a finished COE inspection, an AOC in progress)", None))
        self.reference.setText(QCoreApplication.translate("FirstRunDialog", u"&Import a reference package from HQ (missions, units, MOUs, rosters, templates)", None))
        self.packageLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Package &file", None))
        self.packagePath.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"The .inspector-bundle file HQ gave you", None))
        self.browse.setText(QCoreApplication.translate("FirstRunDialog", u"&Browse\u2026", None))
        self.fingerprintLabel.setText(QCoreApplication.translate("FirstRunDialog", u"HQ's CA fin&gerprint", None))
        self.fingerprint.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"As HQ gave it to you, e.g. 3F:A2:\u2026:9C", None))
        self.empty.setText(QCoreApplication.translate("FirstRunDialog", u"Start &empty", None))
    # retranslateUi

