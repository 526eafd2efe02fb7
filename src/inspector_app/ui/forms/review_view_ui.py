# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'review_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QProgressBar, QPushButton,
    QSizePolicy, QSpacerItem, QSplitter, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ReviewView(object):
    def setupUi(self, ReviewView):
        if not ReviewView.objectName():
            ReviewView.setObjectName(u"ReviewView")
        ReviewView.resize(900, 600)
        self.actionSubmit = QAction(ReviewView)
        self.actionSubmit.setObjectName(u"actionSubmit")
#if QT_CONFIG(shortcut)
        self.actionSubmit.setShortcut(u"Ctrl+Return")
#endif // QT_CONFIG(shortcut)
        self.actionSubmit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.actionReopen = QAction(ReviewView)
        self.actionReopen.setObjectName(u"actionReopen")
        self.actionReopen.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.actionAddFinding = QAction(ReviewView)
        self.actionAddFinding.setObjectName(u"actionAddFinding")
#if QT_CONFIG(shortcut)
        self.actionAddFinding.setShortcut(u"Ctrl+Shift+N")
#endif // QT_CONFIG(shortcut)
        self.actionAddFinding.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.layout = QVBoxLayout(ReviewView)
        self.layout.setObjectName(u"layout")
        self.headerRow = QHBoxLayout()
        self.headerRow.setObjectName(u"headerRow")
        self.overview = QLabel(ReviewView)
        self.overview.setObjectName(u"overview")
        self.overview.setWordWrap(True)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headerRow.addWidget(self.overview)

        self.completion = QProgressBar(ReviewView)
        self.completion.setObjectName(u"completion")
        self.completion.setMaximum(100)
        self.completion.setValue(0)

        self.headerRow.addWidget(self.completion)

        self.headerRow.setStretch(0, 3)
        self.headerRow.setStretch(1, 1)

        self.layout.addLayout(self.headerRow)

        self.messageBox = QGroupBox(ReviewView)
        self.messageBox.setObjectName(u"messageBox")
        self.messageLayout = QVBoxLayout(self.messageBox)
        self.messageLayout.setObjectName(u"messageLayout")
        self.messageText = QLabel(self.messageBox)
        self.messageText.setObjectName(u"messageText")
        self.messageText.setWordWrap(True)

        self.messageLayout.addWidget(self.messageText)

        self.messages = QListWidget(self.messageBox)
        self.messages.setObjectName(u"messages")
        self.messages.setMaximumSize(QSize(16777215, 140))

        self.messageLayout.addWidget(self.messages)


        self.layout.addWidget(self.messageBox)

        self.tabs = QTabWidget(ReviewView)
        self.tabs.setObjectName(u"tabs")
        self.serviceabilityTab = QWidget()
        self.serviceabilityTab.setObjectName(u"serviceabilityTab")
        self.serviceabilityLayout = QVBoxLayout(self.serviceabilityTab)
        self.serviceabilityLayout.setObjectName(u"serviceabilityLayout")
        self.standard = QLabel(self.serviceabilityTab)
        self.standard.setObjectName(u"standard")
        self.standard.setWordWrap(True)

        self.serviceabilityLayout.addWidget(self.standard)

        self.serviceabilitySplitter = QSplitter(self.serviceabilityTab)
        self.serviceabilitySplitter.setObjectName(u"serviceabilitySplitter")
        self.serviceabilitySplitter.setOrientation(Qt.Orientation.Vertical)
        self.categoriesBox = QGroupBox(self.serviceabilitySplitter)
        self.categoriesBox.setObjectName(u"categoriesBox")
        self.categoriesLayout = QVBoxLayout(self.categoriesBox)
        self.categoriesLayout.setObjectName(u"categoriesLayout")
        self.categories = QTableWidget(self.categoriesBox)
        if (self.categories.columnCount() < 7):
            self.categories.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.categories.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.categories.setObjectName(u"categories")
        self.categories.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.categories.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.categories.verticalHeader().setVisible(False)

        self.categoriesLayout.addWidget(self.categories)

        self.serviceabilitySplitter.addWidget(self.categoriesBox)
        self.linesBox = QGroupBox(self.serviceabilitySplitter)
        self.linesBox.setObjectName(u"linesBox")
        self.linesLayout = QVBoxLayout(self.linesBox)
        self.linesLayout.setObjectName(u"linesLayout")
        self.lines = QTableWidget(self.linesBox)
        if (self.lines.columnCount() < 10):
            self.lines.setColumnCount(10)
        __qtablewidgetitem7 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(0, __qtablewidgetitem7)
        __qtablewidgetitem8 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(1, __qtablewidgetitem8)
        __qtablewidgetitem9 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(2, __qtablewidgetitem9)
        __qtablewidgetitem10 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(3, __qtablewidgetitem10)
        __qtablewidgetitem11 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(4, __qtablewidgetitem11)
        __qtablewidgetitem12 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(5, __qtablewidgetitem12)
        __qtablewidgetitem13 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(6, __qtablewidgetitem13)
        __qtablewidgetitem14 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(7, __qtablewidgetitem14)
        __qtablewidgetitem15 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(8, __qtablewidgetitem15)
        __qtablewidgetitem16 = QTableWidgetItem()
        self.lines.setHorizontalHeaderItem(9, __qtablewidgetitem16)
        self.lines.setObjectName(u"lines")
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.lines.verticalHeader().setVisible(False)

        self.linesLayout.addWidget(self.lines)

        self.serviceabilitySplitter.addWidget(self.linesBox)

        self.serviceabilityLayout.addWidget(self.serviceabilitySplitter)

        self.tabs.addTab(self.serviceabilityTab, "")
        self.complianceTab = QWidget()
        self.complianceTab.setObjectName(u"complianceTab")
        self.complianceLayout = QVBoxLayout(self.complianceTab)
        self.complianceLayout.setObjectName(u"complianceLayout")
        self.compliance = QTableWidget(self.complianceTab)
        if (self.compliance.columnCount() < 3):
            self.compliance.setColumnCount(3)
        __qtablewidgetitem17 = QTableWidgetItem()
        self.compliance.setHorizontalHeaderItem(0, __qtablewidgetitem17)
        __qtablewidgetitem18 = QTableWidgetItem()
        self.compliance.setHorizontalHeaderItem(1, __qtablewidgetitem18)
        __qtablewidgetitem19 = QTableWidgetItem()
        self.compliance.setHorizontalHeaderItem(2, __qtablewidgetitem19)
        self.compliance.setObjectName(u"compliance")
        self.compliance.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compliance.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.compliance.verticalHeader().setVisible(False)

        self.complianceLayout.addWidget(self.compliance)

        self.tabs.addTab(self.complianceTab, "")
        self.outcomesTab = QWidget()
        self.outcomesTab.setObjectName(u"outcomesTab")
        self.outcomesLayout = QVBoxLayout(self.outcomesTab)
        self.outcomesLayout.setObjectName(u"outcomesLayout")
        self.verdict = QLabel(self.outcomesTab)
        self.verdict.setObjectName(u"verdict")

        self.outcomesLayout.addWidget(self.verdict)

        self.persons = QLabel(self.outcomesTab)
        self.persons.setObjectName(u"persons")
        self.persons.setWordWrap(True)

        self.outcomesLayout.addWidget(self.persons)

        self.outcomes = QTableWidget(self.outcomesTab)
        if (self.outcomes.columnCount() < 3):
            self.outcomes.setColumnCount(3)
        __qtablewidgetitem20 = QTableWidgetItem()
        self.outcomes.setHorizontalHeaderItem(0, __qtablewidgetitem20)
        __qtablewidgetitem21 = QTableWidgetItem()
        self.outcomes.setHorizontalHeaderItem(1, __qtablewidgetitem21)
        __qtablewidgetitem22 = QTableWidgetItem()
        self.outcomes.setHorizontalHeaderItem(2, __qtablewidgetitem22)
        self.outcomes.setObjectName(u"outcomes")
        self.outcomes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.outcomes.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.outcomes.verticalHeader().setVisible(False)

        self.outcomesLayout.addWidget(self.outcomes)

        self.tabs.addTab(self.outcomesTab, "")
        self.missingTab = QWidget()
        self.missingTab.setObjectName(u"missingTab")
        self.missingLayout = QVBoxLayout(self.missingTab)
        self.missingLayout.setObjectName(u"missingLayout")
        self.missingHint = QLabel(self.missingTab)
        self.missingHint.setObjectName(u"missingHint")
        self.missingHint.setWordWrap(True)

        self.missingLayout.addWidget(self.missingHint)

        self.missing = QTableWidget(self.missingTab)
        if (self.missing.columnCount() < 3):
            self.missing.setColumnCount(3)
        __qtablewidgetitem23 = QTableWidgetItem()
        self.missing.setHorizontalHeaderItem(0, __qtablewidgetitem23)
        __qtablewidgetitem24 = QTableWidgetItem()
        self.missing.setHorizontalHeaderItem(1, __qtablewidgetitem24)
        __qtablewidgetitem25 = QTableWidgetItem()
        self.missing.setHorizontalHeaderItem(2, __qtablewidgetitem25)
        self.missing.setObjectName(u"missing")
        self.missing.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.missing.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.missing.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.missing.verticalHeader().setVisible(False)

        self.missingLayout.addWidget(self.missing)

        self.tabs.addTab(self.missingTab, "")
        self.findingsTab = QWidget()
        self.findingsTab.setObjectName(u"findingsTab")
        self.findingsLayout = QVBoxLayout(self.findingsTab)
        self.findingsLayout.setObjectName(u"findingsLayout")
        self.findings = QTableWidget(self.findingsTab)
        if (self.findings.columnCount() < 7):
            self.findings.setColumnCount(7)
        __qtablewidgetitem26 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(0, __qtablewidgetitem26)
        __qtablewidgetitem27 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(1, __qtablewidgetitem27)
        __qtablewidgetitem28 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(2, __qtablewidgetitem28)
        __qtablewidgetitem29 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(3, __qtablewidgetitem29)
        __qtablewidgetitem30 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(4, __qtablewidgetitem30)
        __qtablewidgetitem31 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(5, __qtablewidgetitem31)
        __qtablewidgetitem32 = QTableWidgetItem()
        self.findings.setHorizontalHeaderItem(6, __qtablewidgetitem32)
        self.findings.setObjectName(u"findings")
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setWordWrap(True)
        self.findings.verticalHeader().setVisible(False)

        self.findingsLayout.addWidget(self.findings)

        self.findingButtons = QHBoxLayout()
        self.findingButtons.setObjectName(u"findingButtons")
        self.findingSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.findingButtons.addItem(self.findingSpacer)

        self.addFinding = QPushButton(self.findingsTab)
        self.addFinding.setObjectName(u"addFinding")

        self.findingButtons.addWidget(self.addFinding)


        self.findingsLayout.addLayout(self.findingButtons)

        self.tabs.addTab(self.findingsTab, "")
        self.followUpTab = QWidget()
        self.followUpTab.setObjectName(u"followUpTab")
        self.followUpLayout = QVBoxLayout(self.followUpTab)
        self.followUpLayout.setObjectName(u"followUpLayout")
        self.followUpHint = QLabel(self.followUpTab)
        self.followUpHint.setObjectName(u"followUpHint")
        self.followUpHint.setWordWrap(True)

        self.followUpLayout.addWidget(self.followUpHint)

        self.followUps = QTableWidget(self.followUpTab)
        if (self.followUps.columnCount() < 5):
            self.followUps.setColumnCount(5)
        __qtablewidgetitem33 = QTableWidgetItem()
        self.followUps.setHorizontalHeaderItem(0, __qtablewidgetitem33)
        __qtablewidgetitem34 = QTableWidgetItem()
        self.followUps.setHorizontalHeaderItem(1, __qtablewidgetitem34)
        __qtablewidgetitem35 = QTableWidgetItem()
        self.followUps.setHorizontalHeaderItem(2, __qtablewidgetitem35)
        __qtablewidgetitem36 = QTableWidgetItem()
        self.followUps.setHorizontalHeaderItem(3, __qtablewidgetitem36)
        __qtablewidgetitem37 = QTableWidgetItem()
        self.followUps.setHorizontalHeaderItem(4, __qtablewidgetitem37)
        self.followUps.setObjectName(u"followUps")
        self.followUps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.followUps.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.followUps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.followUps.verticalHeader().setVisible(False)

        self.followUpLayout.addWidget(self.followUps)

        self.followUpEditor = QHBoxLayout()
        self.followUpEditor.setObjectName(u"followUpEditor")
        self.followUpStatusLabel = QLabel(self.followUpTab)
        self.followUpStatusLabel.setObjectName(u"followUpStatusLabel")

        self.followUpEditor.addWidget(self.followUpStatusLabel)

        self.followUpStatus = QComboBox(self.followUpTab)
        self.followUpStatus.setObjectName(u"followUpStatus")

        self.followUpEditor.addWidget(self.followUpStatus)

        self.followUpRemarkLabel = QLabel(self.followUpTab)
        self.followUpRemarkLabel.setObjectName(u"followUpRemarkLabel")

        self.followUpEditor.addWidget(self.followUpRemarkLabel)

        self.followUpRemark = QLineEdit(self.followUpTab)
        self.followUpRemark.setObjectName(u"followUpRemark")

        self.followUpEditor.addWidget(self.followUpRemark)

        self.recordFollowUp = QPushButton(self.followUpTab)
        self.recordFollowUp.setObjectName(u"recordFollowUp")

        self.followUpEditor.addWidget(self.recordFollowUp)


        self.followUpLayout.addLayout(self.followUpEditor)

        self.tabs.addTab(self.followUpTab, "")

        self.layout.addWidget(self.tabs)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.buttonSpacer)

        self.reopen = QPushButton(ReviewView)
        self.reopen.setObjectName(u"reopen")

        self.buttons.addWidget(self.reopen)

        self.submit = QPushButton(ReviewView)
        self.submit.setObjectName(u"submit")

        self.buttons.addWidget(self.submit)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.followUpStatusLabel.setBuddy(self.followUpStatus)
        self.followUpRemarkLabel.setBuddy(self.followUpRemark)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.missing)
        QWidget.setTabOrder(self.missing, self.findings)
        QWidget.setTabOrder(self.findings, self.addFinding)
        QWidget.setTabOrder(self.addFinding, self.followUps)
        QWidget.setTabOrder(self.followUps, self.followUpStatus)
        QWidget.setTabOrder(self.followUpStatus, self.followUpRemark)
        QWidget.setTabOrder(self.followUpRemark, self.recordFollowUp)
        QWidget.setTabOrder(self.recordFollowUp, self.reopen)
        QWidget.setTabOrder(self.reopen, self.submit)

        self.retranslateUi(ReviewView)
        self.submit.clicked.connect(self.actionSubmit.trigger)
        self.reopen.clicked.connect(self.actionReopen.trigger)
        self.addFinding.clicked.connect(self.actionAddFinding.trigger)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ReviewView)
    # setupUi

    def retranslateUi(self, ReviewView):
        ReviewView.setWindowTitle(QCoreApplication.translate("ReviewView", u"Review", None))
        self.actionSubmit.setText(QCoreApplication.translate("ReviewView", u"Submit for review", None))
        self.actionReopen.setText(QCoreApplication.translate("ReviewView", u"Reopen for editing", None))
        self.actionAddFinding.setText(QCoreApplication.translate("ReviewView", u"Add finding\u2026", None))
        self.completion.setFormat(QCoreApplication.translate("ReviewView", u"%p % complete", None))
        self.messageBox.setTitle(QCoreApplication.translate("ReviewView", u"Not submitted", None))
#if QT_CONFIG(accessibility)
        self.messages.setAccessibleName(QCoreApplication.translate("ReviewView", u"Reasons the inspection was not submitted", None))
#endif // QT_CONFIG(accessibility)
        self.categoriesBox.setTitle(QCoreApplication.translate("ReviewView", u"Per category and overall", None))
        ___qtablewidgetitem = self.categories.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ReviewView", u"Category", None))
        ___qtablewidgetitem1 = self.categories.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ReviewView", u"MOU", None))
        ___qtablewidgetitem2 = self.categories.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("ReviewView", u"Found", None))
        ___qtablewidgetitem3 = self.categories.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("ReviewView", u"Serviceable", None))
        ___qtablewidgetitem4 = self.categories.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("ReviewView", u"%", None))
        ___qtablewidgetitem5 = self.categories.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("ReviewView", u"Shortfall", None))
        ___qtablewidgetitem6 = self.categories.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("ReviewView", u"Surplus", None))
        self.linesBox.setTitle(QCoreApplication.translate("ReviewView", u"Shortfalls and surpluses per MOU line", None))
        ___qtablewidgetitem7 = self.lines.horizontalHeaderItem(0)
        ___qtablewidgetitem7.setText(QCoreApplication.translate("ReviewView", u"Line", None))
        ___qtablewidgetitem8 = self.lines.horizontalHeaderItem(1)
        ___qtablewidgetitem8.setText(QCoreApplication.translate("ReviewView", u"Category", None))
        ___qtablewidgetitem9 = self.lines.horizontalHeaderItem(2)
        ___qtablewidgetitem9.setText(QCoreApplication.translate("ReviewView", u"Item", None))
        ___qtablewidgetitem10 = self.lines.horizontalHeaderItem(3)
        ___qtablewidgetitem10.setText(QCoreApplication.translate("ReviewView", u"Lease", None))
        ___qtablewidgetitem11 = self.lines.horizontalHeaderItem(4)
        ___qtablewidgetitem11.setText(QCoreApplication.translate("ReviewView", u"MOU", None))
        ___qtablewidgetitem12 = self.lines.horizontalHeaderItem(5)
        ___qtablewidgetitem12.setText(QCoreApplication.translate("ReviewView", u"Found", None))
        ___qtablewidgetitem13 = self.lines.horizontalHeaderItem(6)
        ___qtablewidgetitem13.setText(QCoreApplication.translate("ReviewView", u"Serviceable", None))
        ___qtablewidgetitem14 = self.lines.horizontalHeaderItem(7)
        ___qtablewidgetitem14.setText(QCoreApplication.translate("ReviewView", u"%", None))
        ___qtablewidgetitem15 = self.lines.horizontalHeaderItem(8)
        ___qtablewidgetitem15.setText(QCoreApplication.translate("ReviewView", u"Shortfall", None))
        ___qtablewidgetitem16 = self.lines.horizontalHeaderItem(9)
        ___qtablewidgetitem16.setText(QCoreApplication.translate("ReviewView", u"Surplus", None))
        self.tabs.setTabText(self.tabs.indexOf(self.serviceabilityTab), QCoreApplication.translate("ReviewView", u"Serviceability", None))
        ___qtablewidgetitem17 = self.compliance.horizontalHeaderItem(0)
        ___qtablewidgetitem17.setText(QCoreApplication.translate("ReviewView", u"Category", None))
        ___qtablewidgetitem18 = self.compliance.horizontalHeaderItem(1)
        ___qtablewidgetitem18.setText(QCoreApplication.translate("ReviewView", u"Standard", None))
        ___qtablewidgetitem19 = self.compliance.horizontalHeaderItem(2)
        ___qtablewidgetitem19.setText(QCoreApplication.translate("ReviewView", u"Score", None))
        self.tabs.setTabText(self.tabs.indexOf(self.complianceTab), QCoreApplication.translate("ReviewView", u"Self-sustainment", None))
        ___qtablewidgetitem20 = self.outcomes.horizontalHeaderItem(0)
        ___qtablewidgetitem20.setText(QCoreApplication.translate("ReviewView", u"Component", None))
        ___qtablewidgetitem21 = self.outcomes.horizontalHeaderItem(1)
        ___qtablewidgetitem21.setText(QCoreApplication.translate("ReviewView", u"Outcome", None))
        ___qtablewidgetitem22 = self.outcomes.horizontalHeaderItem(2)
        ___qtablewidgetitem22.setText(QCoreApplication.translate("ReviewView", u"Criteria passed", None))
        self.tabs.setTabText(self.tabs.indexOf(self.outcomesTab), QCoreApplication.translate("ReviewView", u"Outcome", None))
        self.missingHint.setText(QCoreApplication.translate("ReviewView", u"Required items still without an answer. Double-click or press Enter to go to one.", None))
        ___qtablewidgetitem23 = self.missing.horizontalHeaderItem(0)
        ___qtablewidgetitem23.setText(QCoreApplication.translate("ReviewView", u"Item", None))
        ___qtablewidgetitem24 = self.missing.horizontalHeaderItem(1)
        ___qtablewidgetitem24.setText(QCoreApplication.translate("ReviewView", u"For", None))
        ___qtablewidgetitem25 = self.missing.horizontalHeaderItem(2)
        ___qtablewidgetitem25.setText(QCoreApplication.translate("ReviewView", u"Key", None))
#if QT_CONFIG(accessibility)
        self.missing.setAccessibleName(QCoreApplication.translate("ReviewView", u"Unanswered required items", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.missingTab), QCoreApplication.translate("ReviewView", u"Unanswered", None))
        ___qtablewidgetitem26 = self.findings.horizontalHeaderItem(0)
        ___qtablewidgetitem26.setText(QCoreApplication.translate("ReviewView", u"Finding", None))
        ___qtablewidgetitem27 = self.findings.horizontalHeaderItem(1)
        ___qtablewidgetitem27.setText(QCoreApplication.translate("ReviewView", u"Recommendation", None))
        ___qtablewidgetitem28 = self.findings.horizontalHeaderItem(2)
        ___qtablewidgetitem28.setText(QCoreApplication.translate("ReviewView", u"Item", None))
        ___qtablewidgetitem29 = self.findings.horizontalHeaderItem(3)
        ___qtablewidgetitem29.setText(QCoreApplication.translate("ReviewView", u"Improvement action", None))
        ___qtablewidgetitem30 = self.findings.horizontalHeaderItem(4)
        ___qtablewidgetitem30.setText(QCoreApplication.translate("ReviewView", u"Owner", None))
        ___qtablewidgetitem31 = self.findings.horizontalHeaderItem(5)
        ___qtablewidgetitem31.setText(QCoreApplication.translate("ReviewView", u"Due", None))
        ___qtablewidgetitem32 = self.findings.horizontalHeaderItem(6)
        ___qtablewidgetitem32.setText(QCoreApplication.translate("ReviewView", u"Status", None))
#if QT_CONFIG(accessibility)
        self.findings.setAccessibleName(QCoreApplication.translate("ReviewView", u"Findings and recommendations", None))
#endif // QT_CONFIG(accessibility)
        self.addFinding.setText(QCoreApplication.translate("ReviewView", u"&Add finding\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.findingsTab), QCoreApplication.translate("ReviewView", u"Findings", None))
        self.followUpHint.setText(QCoreApplication.translate("ReviewView", u"Improvement actions still open from the unit's earlier inspections: record whether each was done.", None))
        ___qtablewidgetitem33 = self.followUps.horizontalHeaderItem(0)
        ___qtablewidgetitem33.setText(QCoreApplication.translate("ReviewView", u"Improvement action", None))
        ___qtablewidgetitem34 = self.followUps.horizontalHeaderItem(1)
        ___qtablewidgetitem34.setText(QCoreApplication.translate("ReviewView", u"Owner", None))
        ___qtablewidgetitem35 = self.followUps.horizontalHeaderItem(2)
        ___qtablewidgetitem35.setText(QCoreApplication.translate("ReviewView", u"Due", None))
        ___qtablewidgetitem36 = self.followUps.horizontalHeaderItem(3)
        ___qtablewidgetitem36.setText(QCoreApplication.translate("ReviewView", u"Follow-up", None))
        ___qtablewidgetitem37 = self.followUps.horizontalHeaderItem(4)
        ___qtablewidgetitem37.setText(QCoreApplication.translate("ReviewView", u"Remark", None))
#if QT_CONFIG(accessibility)
        self.followUps.setAccessibleName(QCoreApplication.translate("ReviewView", u"Open improvement actions", None))
#endif // QT_CONFIG(accessibility)
        self.followUpStatusLabel.setText(QCoreApplication.translate("ReviewView", u"&Status:", None))
        self.followUpRemarkLabel.setText(QCoreApplication.translate("ReviewView", u"&Remark:", None))
        self.recordFollowUp.setText(QCoreApplication.translate("ReviewView", u"Record &follow-up", None))
        self.tabs.setTabText(self.tabs.indexOf(self.followUpTab), QCoreApplication.translate("ReviewView", u"Follow-up", None))
        self.reopen.setText(QCoreApplication.translate("ReviewView", u"Re&open for editing", None))
        self.submit.setText(QCoreApplication.translate("ReviewView", u"Su&bmit for review", None))
    # retranslateUi

