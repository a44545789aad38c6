import QtQuick
import QtQuick.Controls.Basic
import TapLedger.Ui

// A large touch button. Disabled, it stays readable (dark grey on light grey, over 4.5:1)
// instead of fading out.
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
        color: !control.enabled ? Theme.disabledText : control.primary ? Theme.primaryText : Theme.primary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        maximumLineCount: 2
        elide: Text.ElideRight
    }
    background: Rectangle {
        radius: Theme.radius
        opacity: control.down ? 0.8 : 1
        color: !control.enabled ? Theme.disabled : control.primary ? Theme.primary : Theme.surface
        border.color: control.enabled ? Theme.primary : Theme.line
        border.width: 2
    }
}
