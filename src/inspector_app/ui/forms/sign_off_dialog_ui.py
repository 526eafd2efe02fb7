# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_off_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

class Ui_SignOffDialog(object):
    def setupUi(self, SignOffDialog):
        if not SignOffDialog.objectName():
            SignOffDialog.setObjectName(u"SignOffDialog")
        self.layout = QVBoxLayout(SignOffDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(SignOffDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.roleLabel = QLabel(SignOffDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(SignOffDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.role)

        self.nameLabel = QLabel(SignOffDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(SignOffDialog)
        self.name.setObjectName(u"name")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.name)


        self.layout.addLayout(self.form)

        self.padHost = QWidget(SignOffDialog)
        self.padHost.setObjectName(u"padHost")
        self.padLayout = QVBoxLayout(self.padHost)
        self.padLayout.setObjectName(u"padLayout")
        self.padLayout.setContentsMargins(0, -1, -1, -1)

        self.layout.addWidget(self.padHost)

        self.error = QLabel(SignOffDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.bottom = QHBoxLayout()
        self.bottom.setObjectName(u"bottom")
        self.clear = QPushButton(SignOffDialog)
        self.clear.setObjectName(u"clear")

        self.bottom.addWidget(self.clear)

        self.buttons = QDialogButtonBox(SignOffDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.bottom.addWidget(self.buttons)


        self.layout.addLayout(self.bottom)

#if QT_CONFIG(shortcut)
        self.roleLabel.setBuddy(self.role)
        self.nameLabel.setBuddy(self.name)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignOffDialog)

        QMetaObject.connectSlotsByName(SignOffDialog)
    # setupUi

    def retranslateUi(self, SignOffDialog):
        SignOffDialog.setWindowTitle(QCoreApplication.translate("SignOffDialog", u"Sign-off", None))
        self.intro.setText(QCoreApplication.translate("SignOffDialog", u"The signer signs in the box with a mouse, a pen or a finger. The signature is placed in the report's signature block.", None))
        self.roleLabel.setText(QCoreApplication.translate("SignOffDialog", u"&Role", None))
        self.nameLabel.setText(QCoreApplication.translate("SignOffDialog", u"&Name and rank", None))
        self.clear.setText(QCoreApplication.translate("SignOffDialog", u"C&lear", None))
    # retranslateUi

