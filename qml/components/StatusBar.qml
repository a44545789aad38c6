import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// What a guest needs: the venue, a warning when the kiosk is offline (spending is then limited)
// or the card reader is not working, and the language switch. Sync counters and reader details
// are on the staff device-status screen.
Rectangle {
    id: bar
    implicitHeight: Theme.touch
    color: Theme.primary
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: 4
        spacing: Theme.gap * 2
        Text {
            text: kioskConfig.venueName
            color: Theme.primaryText
            font.pixelSize: Theme.body
            font.family: Theme.font
            font.bold: true
        }
        Item { Layout.fillWidth: true }
        Text {
            objectName: "offlineWarning"
            visible: StatusService.hqConfigured && !StatusService.online
            color: "#ffcdd2"
            font.pixelSize: Theme.small
            font.family: Theme.font
            font.bold: true
            text: qsTr("Offline: spending is limited")
        }
        Text {
            objectName: "readerWarning"
            visible: !StatusService.readerReady
            color: "#ffcdd2"
            font.pixelSize: Theme.small
            font.family: Theme.font
            font.bold: true
            text: qsTr("Card reader not working: please ask our staff")
        }
        BigButton {
            objectName: "languageSwitch"
            primary: false
            implicitHeight: Theme.touch - 8
            implicitWidth: 150
            text: LanguageService.language === "en" ? "简体中文" : "English"
            onClicked: LanguageService.setLanguage(LanguageService.otherLanguage())
        }
    }
}
