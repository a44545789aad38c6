import QtQuick
import QtQuick.Controls.Basic
import TapLedger.Ui

// A large touch button.
Button {
    id: control
    property bool primary: true
    implicitHeight: Theme.touch
    implicitWidth: Math.max(220, contentItem.implicitWidth + 48)
    font.pixelSize: Theme.body
    font.family: Theme.font
    contentItem: Text {
        text: control.text
        font: control.font
        color: control.primary ? Theme.primaryText : Theme.primary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        opacity: control.enabled ? (control.down ? 0.8 : 1) : 0.4
        color: control.primary ? Theme.primary : Theme.surface
        border.color: Theme.primary
        border.width: 2
    }
}
