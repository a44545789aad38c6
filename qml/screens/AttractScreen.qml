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
            // One bob every few seconds rather than an endless loop: a running animation renders
            // every frame, which kept the idle kiosk's CPU busy; between bobs nothing is drawn.
            SequentialAnimation {
                id: bob
                NumberAnimation { target: card; property: "y"; from: 0; to: -24; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { target: card; property: "y"; from: -24; to: 0; duration: 900; easing.type: Easing.InOutQuad }
            }
            Timer { interval: 8000; running: true; repeat: true; triggeredOnStart: true; onTriggered: bob.restart() }
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
