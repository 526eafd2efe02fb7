# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sync_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

class Ui_SyncView(object):
    def setupUi(self, SyncView):
        if not SyncView.objectName():
            SyncView.setObjectName(u"SyncView")
        SyncView.resize(1000, 640)
        self.layout = QVBoxLayout(SyncView)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(SyncView)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.sendBox = QGroupBox(SyncView)
        self.sendBox.setObjectName(u"sendBox")
        self.sendForm = QFormLayout(self.sendBox)
        self.sendForm.setObjectName(u"sendForm")
        self.sendForm.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inspectionLabel = QLabel(self.sendBox)
        self.inspectionLabel.setObjectName(u"inspectionLabel")

        self.sendForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.inspectionLabel)

        self.inspection = QComboBox(self.sendBox)
        self.inspection.setObjectName(u"inspection")
        self.inspection.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.inspection.setMinimumContentsLength(24)

        self.sendForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.inspection)

        self.onlyThis = QCheckBox(self.sendBox)
        self.onlyThis.setObjectName(u"onlyThis")

        self.sendForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.onlyThis)

        self.certificateLabel = QLabel(self.sendBox)
        self.certificateLabel.setObjectName(u"certificateLabel")

        self.sendForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.certificateLabel)

        self.certificateRow = QHBoxLayout()
        self.certificateRow.setObjectName(u"certificateRow")
        self.certificate = QLineEdit(self.sendBox)
        self.certificate.setObjectName(u"certificate")
        self.certificate.setClearButtonEnabled(True)

        self.certificateRow.addWidget(self.certificate)

        self.browseCertificate = QPushButton(self.sendBox)
        self.browseCertificate.setObjectName(u"browseCertificate")

        self.certificateRow.addWidget(self.browseCertificate)


        self.sendForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.certificateRow)

        self.sendButtons = QHBoxLayout()
        self.sendButtons.setObjectName(u"sendButtons")
        self.exportHq = QPushButton(self.sendBox)
        self.exportHq.setObjectName(u"exportHq")

        self.sendButtons.addWidget(self.exportHq)

        self.share = QPushButton(self.sendBox)
        self.share.setObjectName(u"share")

        self.sendButtons.addWidget(self.share)

        self.sendSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.sendButtons.addItem(self.sendSpacer)


        self.sendForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.sendButtons)


        self.topRow.addWidget(self.sendBox)

        self.receiveBox = QGroupBox(SyncView)
        self.receiveBox.setObjectName(u"receiveBox")
        self.receiveLayout = QVBoxLayout(self.receiveBox)
        self.receiveLayout.setObjectName(u"receiveLayout")
        self.receiveButtons = QHBoxLayout()
        self.receiveButtons.setObjectName(u"receiveButtons")
        self.importBundles = QPushButton(self.receiveBox)
        self.importBundles.setObjectName(u"importBundles")

        self.receiveButtons.addWidget(self.importBundles)

        self.receiveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.receiveButtons.addItem(self.receiveSpacer)


        self.receiveLayout.addLayout(self.receiveButtons)

        self.results = QListWidget(self.receiveBox)
        self.results.setObjectName(u"results")
        self.results.setMaximumSize(QSize(16777215, 110))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)

        self.receiveLayout.addWidget(self.results)


        self.topRow.addWidget(self.receiveBox)

        self.topRow.setStretch(0, 3)
        self.topRow.setStretch(1, 2)

        self.layout.addLayout(self.topRow)

        self.conflictsBox = QGroupBox(SyncView)
        self.conflictsBox.setObjectName(u"conflictsBox")
        self.conflictsLayout = QVBoxLayout(self.conflictsBox)
        self.conflictsLayout.setObjectName(u"conflictsLayout")
        self.conflictsLabel = QLabel(self.conflictsBox)
        self.conflictsLabel.setObjectName(u"conflictsLabel")
        self.conflictsLabel.setWordWrap(True)

        self.conflictsLayout.addWidget(self.conflictsLabel)

        self.table = QTableWidget(self.conflictsBox)
        if (self.table.columnCount() < 6):
            self.table.setColumnCount(6)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setColumnCount(6)
        self.table.verticalHeader().setVisible(False)

        self.conflictsLayout.addWidget(self.table)

        self.resolveButtons = QHBoxLayout()
        self.resolveButtons.setObjectName(u"resolveButtons")
        self.keepMine = QPushButton(self.conflictsBox)
        self.keepMine.setObjectName(u"keepMine")

        self.resolveButtons.addWidget(self.keepMine)

        self.keepTheirs = QPushButton(self.conflictsBox)
        self.keepTheirs.setObjectName(u"keepTheirs")

        self.resolveButtons.addWidget(self.keepTheirs)

        self.edit = QPushButton(self.conflictsBox)
        self.edit.setObjectName(u"edit")

        self.resolveButtons.addWidget(self.edit)

        self.resolveSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.resolveButtons.addItem(self.resolveSpacer)


        self.conflictsLayout.addLayout(self.resolveButtons)


        self.layout.addWidget(self.conflictsBox)

        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.status = QLabel(SyncView)
        self.status.setObjectName(u"status")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.status.sizePolicy().hasHeightForWidth())
        self.status.setSizePolicy(sizePolicy)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.statusRow.addWidget(self.status)

        self.progress = QProgressBar(SyncView)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximumSize(QSize(240, 16777215))
        self.progress.setValue(0)

        self.statusRow.addWidget(self.progress)

        self.cancel = QPushButton(SyncView)
        self.cancel.setObjectName(u"cancel")

        self.statusRow.addWidget(self.cancel)


        self.layout.addLayout(self.statusRow)

        self.layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.inspectionLabel.setBuddy(self.inspection)
        self.certificateLabel.setBuddy(self.certificate)
        self.conflictsLabel.setBuddy(self.table)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.inspection, self.onlyThis)
        QWidget.setTabOrder(self.onlyThis, self.certificate)
        QWidget.setTabOrder(self.certificate, self.browseCertificate)
        QWidget.setTabOrder(self.browseCertificate, self.exportHq)
        QWidget.setTabOrder(self.exportHq, self.share)
        QWidget.setTabOrder(self.share, self.importBundles)
        QWidget.setTabOrder(self.importBundles, self.results)
        QWidget.setTabOrder(self.results, self.table)
        QWidget.setTabOrder(self.table, self.keepMine)
        QWidget.setTabOrder(self.keepMine, self.keepTheirs)
        QWidget.setTabOrder(self.keepTheirs, self.edit)
        QWidget.setTabOrder(self.edit, self.cancel)

        self.retranslateUi(SyncView)

        QMetaObject.connectSlotsByName(SyncView)
    # setupUi

    def retranslateUi(self, SyncView):
        SyncView.setWindowTitle(QCoreApplication.translate("SyncView", u"Sync", None))
        self.heading.setText(QCoreApplication.translate("SyncView", u"Send inspections to HQ or to a colleague, import the bundles you receive, and settle the conflicts a team merge found.", None))
        self.sendBox.setTitle(QCoreApplication.translate("SyncView", u"Send", None))
        self.inspectionLabel.setText(QCoreApplication.translate("SyncView", u"Ins&pection:", None))
        self.onlyThis.setText(QCoreApplication.translate("SyncView", u"For HQ, send &only this inspection (otherwise all of them)", None))
        self.certificateLabel.setText(QCoreApplication.translate("SyncView", u"Encr&ypt for HQ:", None))
        self.certificate.setPlaceholderText(QCoreApplication.translate("SyncView", u"HQ's transport certificate (optional)", None))
        self.browseCertificate.setText(QCoreApplication.translate("SyncView", u"B&rowse\u2026", None))
        self.exportHq.setText(QCoreApplication.translate("SyncView", u"E&xport for HQ\u2026", None))
        self.share.setText(QCoreApplication.translate("SyncView", u"Share with a co&lleague\u2026", None))
        self.receiveBox.setTitle(QCoreApplication.translate("SyncView", u"Receive", None))
        self.importBundles.setText(QCoreApplication.translate("SyncView", u"&Import bundles\u2026", None))
#if QT_CONFIG(accessibility)
        self.results.setAccessibleName(QCoreApplication.translate("SyncView", u"What each imported file did", None))
#endif // QT_CONFIG(accessibility)
        self.conflictsBox.setTitle(QCoreApplication.translate("SyncView", u"Conflicts", None))
        self.conflictsLabel.setText(QCoreApplication.translate("SyncView", u"&Conflicts to resolve", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("SyncView", u"Inspection", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("SyncView", u"Item", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("SyncView", u"Mine", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("SyncView", u"Mine by", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("SyncView", u"Theirs", None))
        ___qtablewidgetitem5 = self.table.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("SyncView", u"Theirs by", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("SyncView", u"Conflicts to resolve", None))
#endif // QT_CONFIG(accessibility)
        self.keepMine.setText(QCoreApplication.translate("SyncView", u"Keep &mine", None))
        self.keepTheirs.setText(QCoreApplication.translate("SyncView", u"Keep &theirs", None))
        self.edit.setText(QCoreApplication.translate("SyncView", u"E&dit\u2026", None))
        self.cancel.setText(QCoreApplication.translate("SyncView", u"Ca&ncel", None))
    # retranslateUi

