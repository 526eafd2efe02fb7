# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'mou_versions_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLabel, QListWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

class Ui_MouVersionsDialog(object):
    def setupUi(self, MouVersionsDialog):
        if not MouVersionsDialog.objectName():
            MouVersionsDialog.setObjectName(u"MouVersionsDialog")
        MouVersionsDialog.resize(1100, 520)
        self.layout = QVBoxLayout(MouVersionsDialog)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(MouVersionsDialog)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.versionsLabel = QLabel(MouVersionsDialog)
        self.versionsLabel.setObjectName(u"versionsLabel")

        self.layout.addWidget(self.versionsLabel)

        self.versions = QTableWidget(MouVersionsDialog)
        if (self.versions.columnCount() < 7):
            self.versions.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.versions.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.versions.setObjectName(u"versions")
        self.versions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.versions.setTabKeyNavigation(False)
        self.versions.setAlternatingRowColors(True)
        self.versions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.versions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.versions.setWordWrap(False)
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.verticalHeader().setVisible(False)

        self.layout.addWidget(self.versions)

        self.changesLabel = QLabel(MouVersionsDialog)
        self.changesLabel.setObjectName(u"changesLabel")

        self.layout.addWidget(self.changesLabel)

        self.changes = QListWidget(MouVersionsDialog)
        self.changes.setObjectName(u"changes")

        self.layout.addWidget(self.changes)

        self.buttons = QDialogButtonBox(MouVersionsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.layout.addWidget(self.buttons)

        self.layout.setStretch(2, 1)
        self.layout.setStretch(4, 1)
#if QT_CONFIG(shortcut)
        self.versionsLabel.setBuddy(self.versions)
        self.changesLabel.setBuddy(self.changes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.versions, self.changes)

        self.retranslateUi(MouVersionsDialog)

        QMetaObject.connectSlotsByName(MouVersionsDialog)
    # setupUi

    def retranslateUi(self, MouVersionsDialog):
        MouVersionsDialog.setWindowTitle(QCoreApplication.translate("MouVersionsDialog", u"MOU versions", None))
        self.versionsLabel.setText(QCoreApplication.translate("MouVersionsDialog", u"&Versions", None))
        ___qtablewidgetitem = self.versions.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("MouVersionsDialog", u"Version", None))
        ___qtablewidgetitem1 = self.versions.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("MouVersionsDialog", u"Reference", None))
        ___qtablewidgetitem2 = self.versions.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("MouVersionsDialog", u"In force from", None))
        ___qtablewidgetitem3 = self.versions.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("MouVersionsDialog", u"Lines", None))
#if QT_CONFIG(tooltip)
        ___qtablewidgetitem3.setToolTip(QCoreApplication.translate("MouVersionsDialog", u"Annex B (major equipment) lines", None))
#endif // QT_CONFIG(tooltip)
        ___qtablewidgetitem4 = self.versions.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("MouVersionsDialog", u"Items", None))
#if QT_CONFIG(tooltip)
        ___qtablewidgetitem4.setToolTip(QCoreApplication.translate("MouVersionsDialog", u"Annex B items, every line added up", None))
#endif // QT_CONFIG(tooltip)
        ___qtablewidgetitem5 = self.versions.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("MouVersionsDialog", u"Annex C", None))
#if QT_CONFIG(tooltip)
        ___qtablewidgetitem5.setToolTip(QCoreApplication.translate("MouVersionsDialog", u"Self-sustainment (Annex C) categories", None))
#endif // QT_CONFIG(tooltip)
        ___qtablewidgetitem6 = self.versions.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("MouVersionsDialog", u"What changed against the version before", None))
        self.changesLabel.setText(QCoreApplication.translate("MouVersionsDialog", u"&What the selected version changed", None))
    # retranslateUi

