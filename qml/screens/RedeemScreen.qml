import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Confirm with the member's PIN; the card stays on the reader until the receipt shows.
Item {
    id: screen
    signal go(string name)
    // What the PIN confirms: the reward, its cost and the balances before → after (read again
    // when the balance or the language changes).
    readonly property var plan: { ctl.points; LanguageService.language; return ctl.preview(root.pickedReward, root.pickedPoints) }
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
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap * 2
            ColumnLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                spacing: Theme.gap
                Text {
                    objectName: "redeemName"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: screen.plan.name !== undefined ? screen.plan.name : ""
                    font.pixelSize: Theme.title; font.family: Theme.font; font.bold: true; color: Theme.text
                }
                GridLayout {
                    objectName: "redeemPlan"
                    visible: screen.plan.name !== undefined
                    columns: 2
                    columnSpacing: Theme.gap * 2
                    rowSpacing: 2
                    Text { text: qsTr("Cost"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
                    Text {
                        text: screen.plan.cash ? qsTr("%1 pts + %2").arg(screen.plan.points).arg(screen.plan.cash)
                                                      : qsTr("%1 pts").arg(screen.plan.points)
                        font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text
                    }
                    Text { text: qsTr("Points"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
                    Text {
                        text: qsTr("%1 → %2").arg(screen.plan.pointsBefore).arg(screen.plan.pointsAfter)
                        font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text
                    }
                    Text {
                        visible: !!screen.plan.cash || !!screen.plan.credit
                        text: qsTr("Stored value"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
                    }
                    Text {
                        visible: !!screen.plan.cash || !!screen.plan.credit
                        text: qsTr("%1 → %2").arg(screen.plan.storedBefore).arg(screen.plan.storedAfter)
                        font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text
                    }
                }
                // A fixed slot for the progress line and the error, so the PIN pad does not move when
                // either appears.
                Item {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 120
                    Text {
                        visible: ctl.busy
                        text: qsTr("Keep your card on the reader…")
                        font.pixelSize: Theme.title; font.family: Theme.font; color: Theme.primary
                    }
                    ErrorBanner { anchors.left: parent.left; anchors.right: parent.right; title: ctl.errorTitle; detail: ctl.errorDetail }
                }
                Item { Layout.fillHeight: true }
            }
            PinPad {
                id: pad
                Layout.alignment: Qt.AlignTop
                enabled: !ctl.busy && root.pickedReward.length > 0
                onSubmitted: pin => ctl.redeem(root.pickedReward, root.pickedPoints, pin)
            }
        }
    }
}
