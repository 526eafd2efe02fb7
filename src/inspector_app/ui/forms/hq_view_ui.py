# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'hq_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QProgressBar, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from inspector_app.ui.hq_chart import TrendChart

class Ui_HqView(object):
    def setupUi(self, HqView):
        if not HqView.objectName():
            HqView.setObjectName(u"HqView")
        HqView.resize(1200, 760)
        self.layout = QVBoxLayout(HqView)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(HqView)
        self.heading.setObjectName(u"heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.layout.addWidget(self.heading)

        self.topRow = QHBoxLayout()
        self.topRow.setObjectName(u"topRow")
        self.missionLabel = QLabel(HqView)
        self.missionLabel.setObjectName(u"missionLabel")

        self.topRow.addWidget(self.missionLabel)

        self.mission = QComboBox(HqView)
        self.mission.setObjectName(u"mission")
        self.mission.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mission.setMinimumContentsLength(16)

        self.topRow.addWidget(self.mission)

        self.refresh = QPushButton(HqView)
        self.refresh.setObjectName(u"refresh")

        self.topRow.addWidget(self.refresh)

        self.importBundles = QPushButton(HqView)
        self.importBundles.setObjectName(u"importBundles")

        self.topRow.addWidget(self.importBundles)

        self.archive = QPushButton(HqView)
        self.archive.setObjectName(u"archive")

        self.topRow.addWidget(self.archive)

        self.export = QPushButton(HqView)
        self.export.setObjectName(u"export")

        self.topRow.addWidget(self.export)

        self.exportLines = QPushButton(HqView)
        self.exportLines.setObjectName(u"exportLines")

        self.topRow.addWidget(self.exportLines)

        self.topRow.setStretch(1, 1)

        self.layout.addLayout(self.topRow)

        self.splitter = QSplitter(HqView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.unitsBox = QWidget(self.splitter)
        self.unitsBox.setObjectName(u"unitsBox")
        self.unitsLayout = QVBoxLayout(self.unitsBox)
        self.unitsLayout.setObjectName(u"unitsLayout")
        self.unitsLayout.setContentsMargins(0, 0, 0, 0)
        self.unitsLabel = QLabel(self.unitsBox)
        self.unitsLabel.setObjectName(u"unitsLabel")

        self.unitsLayout.addWidget(self.unitsLabel)

        self.table = QTableWidget(self.unitsBox)
        if (self.table.columnCount() < 9):
            self.table.setColumnCount(9)
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
        __qtablewidgetitem6 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(7, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(8, __qtablewidgetitem8)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setColumnCount(9)
        self.table.verticalHeader().setVisible(False)

        self.unitsLayout.addWidget(self.table)

        self.splitter.addWidget(self.unitsBox)
        self.lower = QSplitter(self.splitter)
        self.lower.setObjectName(u"lower")
        self.lower.setOrientation(Qt.Orientation.Horizontal)
        self.lower.setChildrenCollapsible(False)
        self.chartBox = QWidget(self.lower)
        self.chartBox.setObjectName(u"chartBox")
        self.chartLayout = QVBoxLayout(self.chartBox)
        self.chartLayout.setObjectName(u"chartLayout")
        self.chartLayout.setContentsMargins(0, 0, 0, 0)
        self.chartHeader = QHBoxLayout()
        self.chartHeader.setObjectName(u"chartHeader")
        self.chartLabel = QLabel(self.chartBox)
        self.chartLabel.setObjectName(u"chartLabel")

        self.chartHeader.addWidget(self.chartLabel)

        self.chartSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.chartHeader.addItem(self.chartSpacer)

        self.allUnits = QCheckBox(self.chartBox)
        self.allUnits.setObjectName(u"allUnits")

        self.chartHeader.addWidget(self.allUnits)


        self.chartLayout.addLayout(self.chartHeader)

        self.chart = TrendChart(self.chartBox)
        self.chart.setObjectName(u"chart")

        self.chartLayout.addWidget(self.chart)

        self.lower.addWidget(self.chartBox)
        self.detailsBox = QWidget(self.lower)
        self.detailsBox.setObjectName(u"detailsBox")
        self.detailsLayout = QVBoxLayout(self.detailsBox)
        self.detailsLayout.setObjectName(u"detailsLayout")
        self.detailsLayout.setContentsMargins(0, 0, 0, 0)
        self.detailsHeader = QHBoxLayout()
        self.detailsHeader.setObjectName(u"detailsHeader")
        self.detailsLabel = QLabel(self.detailsBox)
        self.detailsLabel.setObjectName(u"detailsLabel")

        self.detailsHeader.addWidget(self.detailsLabel)

        self.mouVersions = QPushButton(self.detailsBox)
        self.mouVersions.setObjectName(u"mouVersions")

        self.detailsHeader.addWidget(self.mouVersions)

        self.detailsHeader.setStretch(0, 1)

        self.detailsLayout.addLayout(self.detailsHeader)

        self.detailsNote = QLabel(self.detailsBox)
        self.detailsNote.setObjectName(u"detailsNote")
        self.detailsNote.setWordWrap(True)

        self.detailsLayout.addWidget(self.detailsNote)

        self.shortfalls = QTableWidget(self.detailsBox)
        if (self.shortfalls.columnCount() < 7):
            self.shortfalls.setColumnCount(7)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(0, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(1, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(2, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(3, __qtablewidgetitem12)
        __qtablewidgetitem13 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(4, __qtablewidgetitem13)
        __qtablewidgetitem14 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(5, __qtablewidgetitem14)
        __qtablewidgetitem15 = QTableWidgetItem()
        self.shortfalls.setHorizontalHeaderItem(6, __qtablewidgetitem15)
        self.shortfalls.setObjectName(u"shortfalls")
        self.shortfalls.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.shortfalls.setTabKeyNavigation(False)
        self.shortfalls.setAlternatingRowColors(True)
        self.shortfalls.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.shortfalls.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shortfalls.setWordWrap(False)
        self.shortfalls.setColumnCount(7)
        self.shortfalls.verticalHeader().setVisible(False)

        self.detailsLayout.addWidget(self.shortfalls)

        self.lower.addWidget(self.detailsBox)
        self.splitter.addWidget(self.lower)

        self.layout.addWidget(self.splitter)

        self.reportRow = QHBoxLayout()
        self.reportRow.setObjectName(u"reportRow")
        self.quarterLabel = QLabel(HqView)
        self.quarterLabel.setObjectName(u"quarterLabel")

        self.reportRow.addWidget(self.quarterLabel)

        self.quarter = QLineEdit(HqView)
        self.quarter.setObjectName(u"quarter")
        self.quarter.setMinimumSize(QSize(90, 0))
        self.quarter.setMaximumSize(QSize(120, 16777215))
        self.quarter.setPlaceholderText(u"2026Q4")

        self.reportRow.addWidget(self.quarter)

        self.languageLabel = QLabel(HqView)
        self.languageLabel.setObjectName(u"languageLabel")

        self.reportRow.addWidget(self.languageLabel)

        self.language = QComboBox(HqView)
        self.language.setObjectName(u"language")

        self.reportRow.addWidget(self.language)

        self.signReport = QCheckBox(HqView)
        self.signReport.setObjectName(u"signReport")

        self.reportRow.addWidget(self.signReport)

        self.globalReport = QCheckBox(HqView)
        self.globalReport.setObjectName(u"globalReport")

        self.reportRow.addWidget(self.globalReport)

        self.report = QPushButton(HqView)
        self.report.setObjectName(u"report")

        self.reportRow.addWidget(self.report)

        self.performanceReport = QPushButton(HqView)
        self.performanceReport.setObjectName(u"performanceReport")

        self.reportRow.addWidget(self.performanceReport)

        self.reportSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.reportRow.addItem(self.reportSpacer)


        self.layout.addLayout(self.reportRow)

        self.results = QListWidget(HqView)
        self.results.setObjectName(u"results")
        self.results.setMaximumSize(QSize(16777215, 96))
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)

        self.layout.addWidget(self.results)

        self.statusRow = QHBoxLayout()
        self.statusRow.setObjectName(u"statusRow")
        self.status = QLabel(HqView)
        self.status.setObjectName(u"status")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.status.sizePolicy().hasHeightForWidth())
        self.status.setSizePolicy(sizePolicy)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.statusRow.addWidget(self.status)

        self.progress = QProgressBar(HqView)
        self.progress.setObjectName(u"progress")
        self.progress.setMaximumSize(QSize(240, 16777215))
        self.progress.setValue(0)

        self.statusRow.addWidget(self.progress)

        self.cancel = QPushButton(HqView)
        self.cancel.setObjectName(u"cancel")

        self.statusRow.addWidget(self.cancel)


        self.layout.addLayout(self.statusRow)

        self.layout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.missionLabel.setBuddy(self.mission)
        self.unitsLabel.setBuddy(self.table)
        self.chartLabel.setBuddy(self.chart)
        self.detailsLabel.setBuddy(self.shortfalls)
        self.quarterLabel.setBuddy(self.quarter)
        self.languageLabel.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.mission, self.refresh)
        QWidget.setTabOrder(self.refresh, self.importBundles)
        QWidget.setTabOrder(self.importBundles, self.archive)
        QWidget.setTabOrder(self.archive, self.export)
        QWidget.setTabOrder(self.export, self.exportLines)
        QWidget.setTabOrder(self.exportLines, self.table)
        QWidget.setTabOrder(self.table, self.allUnits)
        QWidget.setTabOrder(self.allUnits, self.chart)
        QWidget.setTabOrder(self.chart, self.shortfalls)
        QWidget.setTabOrder(self.shortfalls, self.quarter)
        QWidget.setTabOrder(self.quarter, self.language)
        QWidget.setTabOrder(self.language, self.signReport)
        QWidget.setTabOrder(self.signReport, self.globalReport)
        QWidget.setTabOrder(self.globalReport, self.report)
        QWidget.setTabOrder(self.report, self.performanceReport)
        QWidget.setTabOrder(self.performanceReport, self.results)
        QWidget.setTabOrder(self.results, self.cancel)

        self.retranslateUi(HqView)

        QMetaObject.connectSlotsByName(HqView)
    # setupUi

    def retranslateUi(self, HqView):
        HqView.setWindowTitle(QCoreApplication.translate("HqView", u"HQ", None))
        self.missionLabel.setText(QCoreApplication.translate("HqView", u"&Mission:", None))
        self.refresh.setText(QCoreApplication.translate("HqView", u"&Refresh", None))
        self.importBundles.setText(QCoreApplication.translate("HqView", u"&Import field reports\u2026", None))
#if QT_CONFIG(tooltip)
        self.archive.setToolTip(QCoreApplication.translate("HqView", u"Add HQ's validation data and timestamp to the signed reports imported (PAdES B-LTA), with the CA's passphrase", None))
#endif // QT_CONFIG(tooltip)
        self.archive.setText(QCoreApplication.translate("HqView", u"Ar&chive signed reports\u2026", None))
        self.export.setText(QCoreApplication.translate("HqView", u"E&xport for reimbursement\u2026", None))
#if QT_CONFIG(tooltip)
        self.exportLines.setToolTip(QCoreApplication.translate("HqView", u"One row per unit \u00d7 MOU line with the verification report's figures for the quarter (or month) below", None))
#endif // QT_CONFIG(tooltip)
        self.exportLines.setText(QCoreApplication.translate("HqView", u"Export per &line for the period\u2026", None))
        self.unitsLabel.setText(QCoreApplication.translate("HqView", u"&Units", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("HqView", u"Unit", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("HqView", u"Country", None))
        ___qtablewidgetitem2 = self.table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("HqView", u"Last inspection", None))
        ___qtablewidgetitem3 = self.table.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("HqView", u"Serviceability (indicator)", None))
        ___qtablewidgetitem4 = self.table.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("HqView", u"AOC outcome", None))
        ___qtablewidgetitem5 = self.table.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("HqView", u"Shortfall lines", None))
        ___qtablewidgetitem6 = self.table.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("HqView", u"Open actions", None))
        ___qtablewidgetitem7 = self.table.horizontalHeaderItem(7)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("HqView", u"Women", None))
        ___qtablewidgetitem8 = self.table.horizontalHeaderItem(8)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("HqView", u"Next ORI", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("HqView", u"Units of the mission", None))
#endif // QT_CONFIG(accessibility)
        self.chartLabel.setText(QCoreApplication.translate("HqView", u"Serviceability indicator over &time", None))
        self.allUnits.setText(QCoreApplication.translate("HqView", u"Chart &all units of the mission", None))
        self.detailsLabel.setText(QCoreApplication.translate("HqView", u"Open sh&ortfalls", None))
#if QT_CONFIG(tooltip)
        self.mouVersions.setToolTip(QCoreApplication.translate("HqView", u"The selected unit's MOU versions: the original and its amendments, and what each changed (Enter on the unit)", None))
#endif // QT_CONFIG(tooltip)
        self.mouVersions.setText(QCoreApplication.translate("HqView", u"MOU versions\u2026", None))
        ___qtablewidgetitem9 = self.shortfalls.horizontalHeaderItem(0)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("HqView", u"Line", None))
        ___qtablewidgetitem10 = self.shortfalls.horizontalHeaderItem(1)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("HqView", u"Category", None))
        ___qtablewidgetitem11 = self.shortfalls.horizontalHeaderItem(2)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("HqView", u"Item", None))
        ___qtablewidgetitem12 = self.shortfalls.horizontalHeaderItem(3)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("HqView", u"MOU qty", None))
        ___qtablewidgetitem13 = self.shortfalls.horizontalHeaderItem(4)
        ___qtablewidgetitem13.setText(QCoreApplication.translate("HqView", u"Found", None))
        ___qtablewidgetitem14 = self.shortfalls.horizontalHeaderItem(5)
        ___qtablewidgetitem14.setText(QCoreApplication.translate("HqView", u"Serviceable", None))
        ___qtablewidgetitem15 = self.shortfalls.horizontalHeaderItem(6)
        ___qtablewidgetitem15.setText(QCoreApplication.translate("HqView", u"Shortfall", None))
#if QT_CONFIG(accessibility)
        self.shortfalls.setAccessibleName(QCoreApplication.translate("HqView", u"Open shortfalls of the selected unit", None))
#endif // QT_CONFIG(accessibility)
        self.quarterLabel.setText(QCoreApplication.translate("HqView", u"&Quarter:", None))
        self.languageLabel.setText(QCoreApplication.translate("HqView", u"Lan&guage:", None))
#if QT_CONFIG(tooltip)
        self.signReport.setToolTip(QCoreApplication.translate("HqView", u"Sign the PDF with this installation's key: the first signature certifies it (chief COE officer), a second one co-signs it (HQ reviewer)", None))
#endif // QT_CONFIG(tooltip)
        self.signReport.setText(QCoreApplication.translate("HqView", u"Sign the P&DF", None))
#if QT_CONFIG(tooltip)
        self.globalReport.setToolTip(QCoreApplication.translate("HqView", u"HQ's global report: every mission of the database, not only the one chosen above", None))
#endif // QT_CONFIG(tooltip)
        self.globalReport.setText(QCoreApplication.translate("HqView", u"Glo&bal (every mission)", None))
        self.report.setText(QCoreApplication.translate("HqView", u"COE status re&port\u2026", None))
#if QT_CONFIG(tooltip)
        self.performanceReport.setToolTip(QCoreApplication.translate("HqView", u"The quarterly performance report (PDF or XLSX): each unit's rating and its trend, improvement actions, AOC outcome and women against the parity target, of the mission chosen or, with Global ticked, of every mission", None))
#endif // QT_CONFIG(tooltip)
        self.performanceReport.setText(QCoreApplication.translate("HqView", u"Performance report\u2026", None))
#if QT_CONFIG(accessibility)
        self.results.setAccessibleName(QCoreApplication.translate("HqView", u"What each imported file did", None))
#endif // QT_CONFIG(accessibility)
        self.cancel.setText(QCoreApplication.translate("HqView", u"Ca&ncel", None))
    # retranslateUi

