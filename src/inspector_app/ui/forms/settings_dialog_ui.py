# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog):
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        SettingsDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(SettingsDialog)
        self.layout.setObjectName(u"layout")
        self.intro = QLabel(SettingsDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.layout.addWidget(self.intro)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(SettingsDialog)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(SettingsDialog)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.roleLabel = QLabel(SettingsDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(SettingsDialog)
        self.role.setObjectName(u"role")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.role)

        self.languageLabel = QLabel(SettingsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.languageLabel)

        self.language = QComboBox(SettingsDialog)
        self.language.setObjectName(u"language")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.language)

        self.themeLabel = QLabel(SettingsDialog)
        self.themeLabel.setObjectName(u"themeLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.themeLabel)

        self.theme = QComboBox(SettingsDialog)
        self.theme.setObjectName(u"theme")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.theme)

        self.fontLabel = QLabel(SettingsDialog)
        self.fontLabel.setObjectName(u"fontLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.fontLabel)

        self.fontSize = QSpinBox(SettingsDialog)
        self.fontSize.setObjectName(u"fontSize")
        self.fontSize.setSuffix(u" pt")
        self.fontSize.setMinimum(9)
        self.fontSize.setMaximum(22)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.fontSize)

        self.thresholdLabel = QLabel(SettingsDialog)
        self.thresholdLabel.setObjectName(u"thresholdLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.thresholdLabel)

        self.threshold = QSpinBox(SettingsDialog)
        self.threshold.setObjectName(u"threshold")
        self.threshold.setSuffix(u" %")
        self.threshold.setMinimum(50)
        self.threshold.setMaximum(100)

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.threshold)

        self.oriIntervalLabel = QLabel(SettingsDialog)
        self.oriIntervalLabel.setObjectName(u"oriIntervalLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.oriIntervalLabel)

        self.oriInterval = QSpinBox(SettingsDialog)
        self.oriInterval.setObjectName(u"oriInterval")
        self.oriInterval.setMinimum(1)
        self.oriInterval.setMaximum(24)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.oriInterval)

        self.keyLabel = QLabel(SettingsDialog)
        self.keyLabel.setObjectName(u"keyLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.keyLabel)

        self.keyRow = QVBoxLayout()
        self.keyRow.setObjectName(u"keyRow")
        self.keyStatus = QLabel(SettingsDialog)
        self.keyStatus.setObjectName(u"keyStatus")
        self.keyStatus.setWordWrap(True)

        self.keyRow.addWidget(self.keyStatus)

        self.createKey = QPushButton(SettingsDialog)
        self.createKey.setObjectName(u"createKey")

        self.keyRow.addWidget(self.createKey)


        self.form.setLayout(7, QFormLayout.ItemRole.FieldRole, self.keyRow)


        self.layout.addLayout(self.form)

        self.profileStatus = QLabel(SettingsDialog)
        self.profileStatus.setObjectName(u"profileStatus")
        self.profileStatus.setWordWrap(True)

        self.layout.addWidget(self.profileStatus)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.roleLabel.setBuddy(self.role)
        self.languageLabel.setBuddy(self.language)
        self.themeLabel.setBuddy(self.theme)
        self.fontLabel.setBuddy(self.fontSize)
        self.thresholdLabel.setBuddy(self.threshold)
        self.oriIntervalLabel.setBuddy(self.oriInterval)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.name, self.role)
        QWidget.setTabOrder(self.role, self.language)
        QWidget.setTabOrder(self.language, self.theme)
        QWidget.setTabOrder(self.theme, self.fontSize)
        QWidget.setTabOrder(self.fontSize, self.threshold)
        QWidget.setTabOrder(self.threshold, self.createKey)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog):
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.intro.setText(QCoreApplication.translate("SettingsDialog", u"Your identity and how Inspector looks. Changes apply at once.", None))
        self.nameLabel.setText(QCoreApplication.translate("SettingsDialog", u"Your &name", None))
        self.roleLabel.setText(QCoreApplication.translate("SettingsDialog", u"Your &role", None))
        self.languageLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Language", None))
        self.themeLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Theme", None))
        self.fontLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Text size", None))
        self.thresholdLabel.setText(QCoreApplication.translate("SettingsDialog", u"&Serviceability standard", None))
        self.oriIntervalLabel.setText(QCoreApplication.translate("SettingsDialog", u"&ORI every", None))
#if QT_CONFIG(tooltip)
        self.oriInterval.setToolTip(QCoreApplication.translate("SettingsDialog", u"Months between a unit's operational readiness inspections (the COE Manual: at least every six months)", None))
#endif // QT_CONFIG(tooltip)
        self.oriInterval.setSuffix(QCoreApplication.translate("SettingsDialog", u" months", None))
        self.keyLabel.setText(QCoreApplication.translate("SettingsDialog", u"Signing key", None))
        self.createKey.setText(QCoreApplication.translate("SettingsDialog", u"&Create a signing key\u2026", None))
    # retranslateUi

