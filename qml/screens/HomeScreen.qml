import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Member home: greeting, balances, tier progress, expiring points, offers with reasons.
Item {
    id: screen
    signal go(string name)
    MemberHomeController {
        id: ctl
        engineService: EngineService
        session: SessionService
        onOfferAccepted: screen.go("receipt")
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        Text {
            objectName: "greeting"
            text: ctl.birthdayWeek ? qsTr("Happy birthday, %1!").arg(ctl.name) : qsTr("Welcome back, %1").arg(ctl.name)
            font.pixelSize: Theme.title + 8
            font.family: Theme.font
            font.bold: true
            color: Theme.text
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BalanceTile { Layout.fillWidth: true; label: qsTr("Stored value"); value: ctl.storedValue; note: qsTr("Deposit %1\nBonus %2").arg(ctl.deposit).arg(ctl.bonus) }
            BalanceTile { Layout.fillWidth: true; label: qsTr("Points"); value: ctl.points; note: ctl.expiringPoints > 0 ? qsTr("%1 pts expire %2").arg(ctl.expiringPoints).arg(ctl.expiringDate) : "" }
            BalanceTile { Layout.fillWidth: true; label: qsTr("Tier"); value: EngineService.text(ctl.tierName, LanguageService.language); note: ctl.tierProgress }
            BalanceTile { Layout.fillWidth: true; objectName: "vouchersTile"; label: qsTr("Vouchers"); value: ctl.openVouchers; note: qsTr("Tap to see them"); tappable: true; onClicked: screen.go("vouchers") }
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        Text { text: qsTr("Picked for you"); font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: ctl.offers
            delegate: Rectangle {
                required property int index
                required property string title
                required property string reason
                required property bool acceptable
                width: ListView.view.width
                height: Theme.touch + 16
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 8
                    ColumnLayout {
                        Layout.fillWidth: true
                        Text { text: title; font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text }
                        Text { Layout.fillWidth: true; text: reason; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted; elide: Text.ElideRight }
                    }
                    BigButton { visible: acceptable; text: qsTr("Accept"); onClicked: ctl.acceptOffer(index) }
                }
            }
            Text {
                visible: parent.count === 0
                text: qsTr("No offers right now")
                font.pixelSize: Theme.small
                font.family: Theme.font
                color: Theme.muted
            }
        }
        RowLayout {
            spacing: Theme.gap
            BigButton { text: qsTr("Rewards"); onClicked: screen.go("rewards") }
            BigButton { text: qsTr("History"); primary: false; onClicked: screen.go("history") }
            BigButton { text: qsTr("Feedback"); primary: false; onClicked: screen.go("feedback") }
            Item { Layout.fillWidth: true }
            BigButton { text: qsTr("Done"); primary: false; onClicked: SessionService.finish() }
        }
    }
}
