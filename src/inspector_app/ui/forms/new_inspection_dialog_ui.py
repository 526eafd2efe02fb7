# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'new_inspection_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

class Ui_NewInspectionDialog(object):
    def setupUi(self, NewInspectionDialog):
        if not NewInspectionDialog.objectName():
            NewInspectionDialog.setObjectName(u"NewInspectionDialog")
        NewInspectionDialog.setMinimumSize(QSize(520, 0))
        self.layout = QVBoxLayout(NewInspectionDialog)
        self.layout.setObjectName(u"layout")
        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.unitLabel = QLabel(NewInspectionDialog)
        self.unitLabel.setObjectName(u"unitLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.unitLabel)

        self.unit = QComboBox(NewInspectionDialog)
        self.unit.setObjectName(u"unit")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.unit)

        self.typeLabel = QLabel(NewInspectionDialog)
        self.typeLabel.setObjectName(u"typeLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.typeLabel)

        self.type = QComboBox(NewInspectionDialog)
        self.type.setObjectName(u"type")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.type)

        self.templateLabel = QLabel(NewInspectionDialog)
        self.templateLabel.setObjectName(u"templateLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.templateLabel)

        self.template = QComboBox(NewInspectionDialog)
        self.template.setObjectName(u"template")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.template)

        self.teamLabel = QLabel(NewInspectionDialog)
        self.teamLabel.setObjectName(u"teamLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.teamLabel)

        self.team = QLineEdit(NewInspectionDialog)
        self.team.setObjectName(u"team")

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.team)

        self.startLabel = QLabel(NewInspectionDialog)
        self.startLabel.setObjectName(u"startLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.startLabel)

        self.startDate = QDateEdit(NewInspectionDialog)
        self.startDate.setObjectName(u"startDate")
        self.startDate.setCalendarPopup(True)
        self.startDate.setDisplayFormat(u"yyyy-MM-dd")

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.startDate)

        self.endLabel = QLabel(NewInspectionDialog)
        self.endLabel.setObjectName(u"endLabel")

        self.form.setWidget(5, QFormLayout.ItemRole.LabelRole, self.endLabel)

        self.endDate = QDateEdit(NewInspectionDialog)
        self.endDate.setObjectName(u"endDate")
        self.endDate.setCalendarPopup(True)
        self.endDate.setDisplayFormat(u"yyyy-MM-dd")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.endDate)

        self.mouLabel = QLabel(NewInspectionDialog)
        self.mouLabel.setObjectName(u"mouLabel")

        self.form.setWidget(6, QFormLayout.ItemRole.LabelRole, self.mouLabel)

        self.mou = QLabel(NewInspectionDialog)
        self.mou.setObjectName(u"mou")
        self.mou.setWordWrap(True)
        self.mou.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.form.setWidget(6, QFormLayout.ItemRole.FieldRole, self.mou)

        self.periodLabel = QLabel(NewInspectionDialog)
        self.periodLabel.setObjectName(u"periodLabel")

        self.form.setWidget(7, QFormLayout.ItemRole.LabelRole, self.periodLabel)

        self.period = QComboBox(NewInspectionDialog)
        self.period.setObjectName(u"period")

        self.form.setWidget(7, QFormLayout.ItemRole.FieldRole, self.period)

        self.sectionsLabel = QLabel(NewInspectionDialog)
        self.sectionsLabel.setObjectName(u"sectionsLabel")

        self.form.setWidget(8, QFormLayout.ItemRole.LabelRole, self.sectionsLabel)

        self.sections = QListWidget(NewInspectionDialog)
        self.sections.setObjectName(u"sections")

        self.form.setWidget(8, QFormLayout.ItemRole.FieldRole, self.sections)


        self.layout.addLayout(self.form)

        self.error = QLabel(NewInspectionDialog)
        self.error.setObjectName(u"error")
        self.error.setWordWrap(True)

        self.layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(NewInspectionDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.layout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.unitLabel.setBuddy(self.unit)
        self.typeLabel.setBuddy(self.type)
        self.templateLabel.setBuddy(self.template)
        self.teamLabel.setBuddy(self.team)
        self.startLabel.setBuddy(self.startDate)
        self.endLabel.setBuddy(self.endDate)
        self.periodLabel.setBuddy(self.period)
        self.sectionsLabel.setBuddy(self.sections)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.unit, self.type)
        QWidget.setTabOrder(self.type, self.template)
        QWidget.setTabOrder(self.template, self.team)
        QWidget.setTabOrder(self.team, self.startDate)
        QWidget.setTabOrder(self.startDate, self.endDate)
        QWidget.setTabOrder(self.endDate, self.period)

        self.retranslateUi(NewInspectionDialog)

        QMetaObject.connectSlotsByName(NewInspectionDialog)
    # setupUi

    def retranslateUi(self, NewInspectionDialog):
        NewInspectionDialog.setWindowTitle(QCoreApplication.translate("NewInspectionDialog", u"New inspection", None))
        self.unitLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"&Unit", None))
        self.typeLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"&Type", None))
        self.templateLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"Check&list", None))
        self.teamLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"T&eam", None))
        self.team.setPlaceholderText(QCoreApplication.translate("NewInspectionDialog", u"Names of the inspectors", None))
        self.startLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"&Start date", None))
        self.endLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"E&nd date", None))
        self.mouLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"MOU judged against", None))
#if QT_CONFIG(tooltip)
        self.mou.setToolTip(QCoreApplication.translate("NewInspectionDialog", u"The unit's MOU version in force on the start date: the inspection keeps its lines and terms", None))
#endif // QT_CONFIG(tooltip)
        self.periodLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"&Quarter assessed", None))
#if QT_CONFIG(tooltip)
        self.period.setToolTip(QCoreApplication.translate("NewInspectionDialog", u"The quarter a performance assessment covers: one that has begun by the start date", None))
#endif // QT_CONFIG(tooltip)
        self.sectionsLabel.setText(QCoreApplication.translate("NewInspectionDialog", u"Se&ctions checked", None))
#if QT_CONFIG(tooltip)
        self.sections.setToolTip(QCoreApplication.translate("NewInspectionDialog", u"A spot check may cover part of the checklist: tick the sections it checks (none ticked: all of them)", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

