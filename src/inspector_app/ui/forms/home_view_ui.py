# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'home_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QTreeView, QTreeWidget, QVBoxLayout

class Ui_HomeView(object):
    def setupUi(self, HomeView):
        if not HomeView.objectName():
            HomeView.setObjectName(u"HomeView")
        self.layout = QVBoxLayout(HomeView)
        self.layout.setObjectName(u"layout")
        self.plansHeading = QLabel(HomeView)
        self.plansHeading.setObjectName(u"plansHeading")

        self.layout.addWidget(self.plansHeading)

        self.plansRow = QHBoxLayout()
        self.plansRow.setObjectName(u"plansRow")
        self.plans = QTreeWidget(HomeView)
        self.plans.setObjectName(u"plans")
        self.plans.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plans.setRootIsDecorated(False)
        self.plans.setUniformRowHeights(True)

        self.plansRow.addWidget(self.plans)

        self.startColumn = QVBoxLayout()
        self.startColumn.setObjectName(u"startColumn")
        self.startButton = QPushButton(HomeView)
        self.startButton.setObjectName(u"startButton")

        self.startColumn.addWidget(self.startButton)

        self.startSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.startColumn.addItem(self.startSpacer)


        self.plansRow.addLayout(self.startColumn)


        self.layout.addLayout(self.plansRow)

        self.plansNone = QLabel(HomeView)
        self.plansNone.setObjectName(u"plansNone")
        self.plansNone.setWordWrap(True)

        self.layout.addWidget(self.plansNone)

        self.overdueHeading = QLabel(HomeView)
        self.overdueHeading.setObjectName(u"overdueHeading")

        self.layout.addWidget(self.overdueHeading)

        self.overdueActions = QTreeWidget(HomeView)
        self.overdueActions.setObjectName(u"overdueActions")
        self.overdueActions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.overdueActions.setRootIsDecorated(False)
        self.overdueActions.setUniformRowHeights(True)

        self.layout.addWidget(self.overdueActions)

        self.heading = QLabel(HomeView)
        self.heading.setObjectName(u"heading")

        self.layout.addWidget(self.heading)

        self.toolbar = QHBoxLayout()
        self.toolbar.setObjectName(u"toolbar")
        self.filter = QLineEdit(HomeView)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.toolbar.addWidget(self.filter)

        self.newButton = QPushButton(HomeView)
        self.newButton.setObjectName(u"newButton")

        self.toolbar.addWidget(self.newButton)

        self.planButton = QPushButton(HomeView)
        self.planButton.setObjectName(u"planButton")

        self.toolbar.addWidget(self.planButton)

        self.openButton = QPushButton(HomeView)
        self.openButton.setObjectName(u"openButton")

        self.toolbar.addWidget(self.openButton)


        self.layout.addLayout(self.toolbar)

        self.tree = QTreeView(HomeView)
        self.tree.setObjectName(u"tree")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)

        self.layout.addWidget(self.tree)

#if QT_CONFIG(shortcut)
        self.plansHeading.setBuddy(self.plans)
        self.overdueHeading.setBuddy(self.overdueActions)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(HomeView)

        QMetaObject.connectSlotsByName(HomeView)
    # setupUi

    def retranslateUi(self, HomeView):
        self.plansHeading.setText(QCoreApplication.translate("HomeView", u"P&lanned for this laptop", None))
        ___qtreewidgetitem = self.plans.headerItem()
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("HomeView", u"Date", None))
        self.startButton.setText(QCoreApplication.translate("HomeView", u"S&tart", None))
        self.overdueHeading.setText(QCoreApplication.translate("HomeView", u"Overdue improvement a&ctions", None))
        ___qtreewidgetitem1 = self.overdueActions.headerItem()
        ___qtreewidgetitem1.setText(0, QCoreApplication.translate("HomeView", u"Unit", None))
        self.heading.setText(QCoreApplication.translate("HomeView", u"Missions, units and inspections", None))
        self.filter.setPlaceholderText(QCoreApplication.translate("HomeView", u"Filter by unit, country, type or status", None))
        self.newButton.setText(QCoreApplication.translate("HomeView", u"&New inspection\u2026", None))
        self.planButton.setText(QCoreApplication.translate("HomeView", u"&Plan inspection\u2026", None))
        self.openButton.setText(QCoreApplication.translate("HomeView", u"&Open", None))
        pass
    # retranslateUi

