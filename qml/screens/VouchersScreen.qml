import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// The member's open vouchers: value, minimum spend and expiry, soonest expiry first.
Item {
    id: screen
    signal go(string name)
    MemberHomeController { id: ctl; engineService: EngineService; session: SessionService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Your vouchers"); onBack: screen.go("home") }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("Vouchers are taken off at the till: tell our staff which one to use.")
            font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted
        }
        ListView {
            objectName: "voucherList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: ctl.vouchers
            delegate: Rectangle {
                required property var modelData
                width: ListView.view.width
                height: Theme.touch + 24
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 10
                    spacing: Theme.gap * 2
                    Text { text: qsTr("%1 off").arg(modelData.value); font.pixelSize: Theme.title; font.family: Theme.font; font.bold: true; color: Theme.text }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Text {
                            Layout.fillWidth: true
                            text: modelData.minSpend.length > 0 ? qsTr("With a purchase of %1 or more").arg(modelData.minSpend) : qsTr("No minimum spend")
                            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text; elide: Text.ElideRight
                        }
                        Text {
                            Layout.fillWidth: true
                            text: (modelData.expires.length > 0 ? qsTr("Valid until %1").arg(modelData.expires) : qsTr("Never expires")) + " · " + qsTr("No. %1").arg(modelData.number)
                            font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted; elide: Text.ElideRight
                        }
                    }
                }
            }
            Text {
                visible: parent.count === 0
                width: parent.width
                wrapMode: Text.Wrap
                text: qsTr("No vouchers right now. Offers on your home screen can give you one.")
                font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
            }
        }
    }
}
