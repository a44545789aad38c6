import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// "Tap your card": no member data on this screen.
Item {
    signal go(string name)
    ColumnLayout {
        anchors.centerIn: parent
        spacing: Theme.gap * 2
        Rectangle {
            id: card
            Layout.alignment: Qt.AlignHCenter
            width: 260
            height: 165
            radius: 18
            color: Theme.primary
            Text {
                anchors.centerIn: parent
                text: "TapLedger"
                color: Theme.primaryText
                font.pixelSize: Theme.title
                font.family: Theme.font
            }
            SequentialAnimation on y {
                loops: Animation.Infinite
                NumberAnimation { from: 0; to: -24; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { from: -24; to: 0; duration: 900; easing.type: Easing.InOutQuad }
            }
        }
        Text {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Tap your member card")
            font.pixelSize: Theme.huge
            font.family: Theme.font
            color: Theme.text
        }
        Text {
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Hold it on the reader below the screen")
            font.pixelSize: Theme.body
            font.family: Theme.font
            color: Theme.muted
        }
        ErrorBanner {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 700
            title: SessionService.notice
        }
    }
}
