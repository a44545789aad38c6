import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Who and what (member, staff), the key figures large (stored value and points before → after),
// before / change / after per balance, how to collect, time, kiosk, entry numbers and a QR code of
// the signed entry. Done (or the configured receipt_s without a touch) leads back where the action
// started: the staff menu after a staff action, the member's home otherwise.
Item {
    id: screen
    signal go(string name)
    ReceiptController { id: ctl; engineService: EngineService; session: SessionService; printerDevice: kioskConfig.printer }
    function done() { screen.go(ctl.byStaff && SessionService.hasStaff ? "staff-menu" : "home") }
    Timer {
        id: stay
        interval: Math.max(3, kioskConfig.receiptSeconds) * 1000
        running: ctl.reference.length > 0 && !ctl.busy
        onTriggered: screen.done()
    }
    TapHandler { onTapped: stay.restart() }
    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            ScreenHeader { Layout.fillWidth: true; title: qsTr("Receipt: %1").arg(EngineService.text(ctl.title, LanguageService.language)); showBack: false }
            Text {
                objectName: "receiptWho"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: ctl.staffName.length > 0 ? qsTr("For %1 · served by %2").arg(ctl.memberName).arg(ctl.staffName)
                                               : qsTr("For %1").arg(ctl.memberName)
                visible: ctl.memberName.length > 0
                font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text
            }
            GridLayout {
                objectName: "receiptKeyFigures"
                columns: 2
                columnSpacing: Theme.gap * 2
                rowSpacing: 4
                Text { visible: ctl.storedBefore.length > 0; text: qsTr("Stored value"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
                Text {
                    visible: ctl.storedBefore.length > 0
                    text: qsTr("%1 → %2").arg(ctl.storedBefore).arg(ctl.storedAfter)
                    font.pixelSize: Theme.title + 8; font.family: Theme.font; font.bold: true; color: Theme.text
                }
                Text { visible: ctl.pointsBefore.length > 0; text: qsTr("Points"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
                Text {
                    visible: ctl.pointsBefore.length > 0
                    text: qsTr("%1 → %2").arg(ctl.pointsBefore).arg(ctl.pointsAfter)
                    font.pixelSize: Theme.title + 8; font.family: Theme.font; font.bold: true; color: Theme.text
                }
            }
            Text {
                objectName: "receiptCollect"
                visible: ctl.collectHint.length > 0
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: ctl.collectHint
                font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.primary
            }
            GridLayout {
                columns: 4
                columnSpacing: Theme.gap * 2
                Text { text: qsTr("Balance"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
                Text { text: qsTr("Before"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
                Text { text: qsTr("Change"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
                Text { text: qsTr("After"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
                Repeater {
                    model: ctl.lines
                    delegate: Text {
                        required property string balance
                        required property int index
                        Layout.row: index + 1
                        Layout.column: 0
                        text: balance === "deposit" ? qsTr("Deposit") : balance === "bonus" ? qsTr("Bonus") : qsTr("Points")
                        font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
                    }
                }
                Repeater {
                    model: ctl.lines
                    delegate: Text {
                        required property string before
                        required property int index
                        Layout.row: index + 1
                        Layout.column: 1
                        text: before; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
                    }
                }
                Repeater {
                    model: ctl.lines
                    delegate: Text {
                        required property string change
                        required property int index
                        Layout.row: index + 1
                        Layout.column: 2
                        text: change; font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true
                        color: change.startsWith("-") ? Theme.bad : Theme.good
                    }
                }
                Repeater {
                    model: ctl.lines
                    delegate: Text {
                        required property string after
                        required property int index
                        Layout.row: index + 1
                        Layout.column: 3
                        text: after; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
                    }
                }
            }
            Repeater {
                model: ctl.explanations
                Text { required property string modelData; Layout.fillWidth: true; wrapMode: Text.Wrap; text: modelData; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            }
            Text { text: qsTr("%1 · kiosk %2 · entry %3").arg(ctl.time).arg(ctl.kioskId).arg(ctl.entries); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Item { Layout.fillHeight: true }
            RowLayout {
                spacing: Theme.gap
                BigButton { objectName: "receiptDone"; text: qsTr("Done"); onClicked: screen.done() }
                BigButton { text: qsTr("Print"); primary: false; visible: ctl.canPrint; onClicked: { stay.restart(); ctl.print() } }
                BigButton { text: qsTr("Give feedback"); primary: false; visible: !ctl.byStaff; onClicked: screen.go("feedback") }
            }
        }
        ColumnLayout {
            Image {
                objectName: "receiptQr"
                Layout.preferredWidth: 260
                Layout.preferredHeight: 260
                source: ctl.reference.length > 0 ? "image://qr/" + encodeURIComponent(ctl.reference) : ""
                fillMode: Image.PreserveAspectFit
            }
            Text { text: qsTr("Scan to check this entry"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
        }
    }
}
