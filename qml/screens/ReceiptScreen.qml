import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Before / change / after per balance, time, kiosk, entry numbers and a QR code of the signed entry.
Item {
    id: screen
    signal go(string name)
    ReceiptController { id: ctl; engineService: EngineService; session: SessionService; printerDevice: kioskConfig.printer }
    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap
            ScreenHeader { Layout.fillWidth: true; title: qsTr("Receipt: %1").arg(EngineService.text(ctl.title, LanguageService.language)); showBack: false }
            Text { text: qsTr("%1 · kiosk %2 · entry %3").arg(ctl.time).arg(ctl.kioskId).arg(ctl.entries); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
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
                        required property string before
                        required property string change
                        required property string after
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
            Item { Layout.fillHeight: true }
            RowLayout {
                spacing: Theme.gap
                BigButton { text: qsTr("Done"); onClicked: screen.go("home") }
                BigButton { text: qsTr("Print"); primary: false; visible: ctl.canPrint; onClicked: ctl.print() }
                BigButton { text: qsTr("Give feedback"); primary: false; onClicked: screen.go("feedback") }
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
