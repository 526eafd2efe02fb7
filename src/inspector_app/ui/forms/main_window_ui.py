# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHeaderView, QLabel,
    QMainWindow, QSizePolicy, QStatusBar, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1000, 640)
        self.central = QWidget(MainWindow)
        self.central.setObjectName(u"central")
        self.layout = QVBoxLayout(self.central)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(self.central)
        self.heading.setObjectName(u"heading")

        self.layout.addWidget(self.heading)

        self.inspections = QTableWidget(self.central)
        self.inspections.setObjectName(u"inspections")
        self.inspections.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.inspections.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inspections.setAlternatingRowColors(True)

        self.layout.addWidget(self.inspections)

        MainWindow.setCentralWidget(self.central)
        self.statusbar = QStatusBar(MainWindow)
        self.statusbar.setObjectName(u"statusbar")
        MainWindow.setStatusBar(self.statusbar)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Inspector", None))
        self.heading.setText(QCoreApplication.translate("MainWindow", u"Inspections", None))
    # retranslateUi

