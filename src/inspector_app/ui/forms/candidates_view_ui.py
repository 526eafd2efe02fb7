# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'candidates_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QTableWidget, QVBoxLayout, QWidget

class Ui_CandidatesView(object):
    def setupUi(self, CandidatesView):
        if not CandidatesView.objectName():
            CandidatesView.setObjectName(u"CandidatesView")
        CandidatesView.resize(1000, 640)
        self.layout = QVBoxLayout(CandidatesView)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(CandidatesView)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)

        self.layout.addWidget(self.heading)

        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.searchLabel = QLabel(CandidatesView)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterRow.addWidget(self.searchLabel)

        self.search = QLineEdit(CandidatesView)
        self.search.setObjectName(u"search")
        self.search.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.search)

        self.expiringOnly = QCheckBox(CandidatesView)
        self.expiringOnly.setObjectName(u"expiringOnly")

        self.filterRow.addWidget(self.expiringOnly)

        self.filterRow.setStretch(1, 1)

        self.layout.addLayout(self.filterRow)

        self.table = QTableWidget(CandidatesView)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

        self.layout.addWidget(self.table)

        self.count = QLabel(CandidatesView)
        self.count.setObjectName(u"count")
        self.count.setText(u"")

        self.layout.addWidget(self.count)

        self.layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.search)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.search, self.expiringOnly)
        QWidget.setTabOrder(self.expiringOnly, self.table)

        self.retranslateUi(CandidatesView)

        QMetaObject.connectSlotsByName(CandidatesView)
    # setupUi

    def retranslateUi(self, CandidatesView):
        CandidatesView.setWindowTitle(QCoreApplication.translate("CandidatesView", u"Candidates (AMS)", None))
        self.heading.setText(QCoreApplication.translate("CandidatesView", u"Every candidate an assessment for mission service assessed, with the latest result: cleared until when, or why not, and what they may do next.", None))
        self.searchLabel.setText(QCoreApplication.translate("CandidatesView", u"Sea&rch:", None))
        self.search.setPlaceholderText(QCoreApplication.translate("CandidatesView", u"Name, national id, rank, unit, mission or country", None))
        self.expiringOnly.setText(QCoreApplication.translate("CandidatesView", u"Only passes e&xpired or expiring soon", None))
    # retranslateUi

