# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'finding_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

class Ui_FindingDialog(object):
    def setupUi(self, FindingDialog):
        if not FindingDialog.objectName():
            FindingDialog.setObjectName(u"FindingDialog")
        FindingDialog.resize(560, 480)
        self.layout = QVBoxLayout(FindingDialog)
        self.layout.setObjectName(u"layout")
        self.findingForm = QFormLayout()
        self.findingForm.setObjectName(u"findingForm")
        self.textLabel = QLabel(FindingDialog)
        self.textLabel.setObjectName(u"textLabel")

        self.findingForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.textLabel)

        self.text = QPlainTextEdit(FindingDialog)
        self.text.setObjectName(u"text")
        self.text.setTabChangesFocus(True)

        self.findingForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.text)

        self.recommendationLabel = QLabel(FindingDialog)
        self.recommendationLabel.setObjectName(u"recommendationLabel")

        self.findingForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.recommendationLabel)

        self.recommendation = QPlainTextEdit(FindingDialog)
        self.recommendation.setObjectName(u"recommendation")
        self.recommendation.setTabChangesFocus(True)

        self.findingForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.recommendation)

        self.keyLabel = QLabel(FindingDialog)
        self.keyLabel.setObjectName(u"keyLabel")

        self.findingForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.keyLabel)

        self.key = QComboBox(FindingDialog)
        self.key.setObjectName(u"key")

        self.findingForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.key)


        self.layout.addLayout(self.findingForm)

        self.actionBox = QGroupBox(FindingDialog)
        self.actionBox.setObjectName(u"actionBox")
        self.actionForm = QFormLayout(self.actionBox)
        self.actionForm.setObjectName(u"actionForm")
        self.descriptionLabel = QLabel(self.actionBox)
        self.descriptionLabel.setObjectName(u"descriptionLabel")

        self.actionForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.descriptionLabel)

        self.description = QLineEdit(self.actionBox)
        self.description.setObjectName(u"description")

        self.actionForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.description)

        self.ownerLabel = QLabel(self.actionBox)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.actionForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.ownerLabel)

        self.owner = QLineEdit(self.actionBox)
        self.owner.setObjectName(u"owner")

        self.actionForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.owner)

        self.dueDateLabel = QLabel(self.actionBox)
        self.dueDateLabel.setObjectName(u"dueDateLabel")

        self.actionForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.dueDateLabel)

        self.dueDate = QDateEdit(self.actionBox)
        self.dueDate.setObjectName(u"dueDate")
        self.dueDate.setDisplayFormat(u"yyyy-MM-dd")
        self.dueDate.setCalendarPopup(True)

        self.actionForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.dueDate)


        self.layout.addWidget(self.actionBox)

        self.error = QLabel(FindingDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(FindingDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.textLabel.setBuddy(self.text)
        self.recommendationLabel.setBuddy(self.recommendation)
        self.keyLabel.setBuddy(self.key)
        self.descriptionLabel.setBuddy(self.description)
        self.ownerLabel.setBuddy(self.owner)
        self.dueDateLabel.setBuddy(self.dueDate)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.text, self.recommendation)
        QWidget.setTabOrder(self.recommendation, self.key)
        QWidget.setTabOrder(self.key, self.description)
        QWidget.setTabOrder(self.description, self.owner)
        QWidget.setTabOrder(self.owner, self.dueDate)

        self.retranslateUi(FindingDialog)
        self.buttons.accepted.connect(FindingDialog.accept)
        self.buttons.rejected.connect(FindingDialog.reject)

        QMetaObject.connectSlotsByName(FindingDialog)
    # setupUi

    def retranslateUi(self, FindingDialog):
        FindingDialog.setWindowTitle(QCoreApplication.translate("FindingDialog", u"Add finding", None))
        self.textLabel.setText(QCoreApplication.translate("FindingDialog", u"&Finding:", None))
        self.recommendationLabel.setText(QCoreApplication.translate("FindingDialog", u"&Recommendation:", None))
        self.keyLabel.setText(QCoreApplication.translate("FindingDialog", u"Checklist &item:", None))
        self.actionBox.setTitle(QCoreApplication.translate("FindingDialog", u"Improvement action (optional)", None))
        self.descriptionLabel.setText(QCoreApplication.translate("FindingDialog", u"&Description:", None))
        self.ownerLabel.setText(QCoreApplication.translate("FindingDialog", u"&Owner:", None))
        self.dueDateLabel.setText(QCoreApplication.translate("FindingDialog", u"D&ue date:", None))
    # retranslateUi

