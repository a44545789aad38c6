import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Confirm with the member's PIN; the card stays on the reader until the receipt shows.
Item {
    id: screen
    signal go(string name)
    RewardsController {
        id: ctl
        engineService: EngineService
        session: SessionService
        cards: CardService
        onRedeemed: screen.go("receipt")
        onFailed: pad.clear()
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Confirm with your PIN"); onBack: screen.go("rewards"); enabled: !ctl.busy }
        Text {
            text: root.pickedPoints > 0 ? qsTr("Spend %1 points").arg(root.pickedPoints) : qsTr("Redeem your reward")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
        }
        Text {
            visible: ctl.busy
            text: qsTr("Keep your card on the reader…")
            font.pixelSize: Theme.title; font.family: Theme.font; color: Theme.primary
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        PinPad {
            id: pad
            Layout.alignment: Qt.AlignHCenter
            enabled: !ctl.busy && root.pickedReward.length > 0
            onSubmitted: pin => ctl.redeem(root.pickedReward, root.pickedPoints, pin)
        }
    }
}
