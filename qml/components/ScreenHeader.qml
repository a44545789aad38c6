import QtQuick
import QtQuick.Layouts
import TapLedger.Ui

// Title row with an optional back button.
RowLayout {
    id: header
    property string title
    property bool showBack: true
    signal back()
    spacing: Theme.gap
    BigButton {
        visible: header.showBack
        primary: false
        text: qsTr("Back")
        implicitWidth: 160
        onClicked: header.back()
    }
    Text {
        Layout.fillWidth: true
        text: header.title
        font.pixelSize: Theme.title
        font.family: Theme.font
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }
}
