import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import TapLedger.Kiosk
import TapLedger.Ui

// The kiosk window: status bar, the current screen, the demo panel and the touch keyboard.
// Navigation follows the session: a member tap opens the member home, the end of the guest
// session returns to the attract screen, a staff card asks for the staff PIN.
ApplicationWindow {
    id: root
    width: 1280
    height: 800
    visible: true
    color: Theme.background
    title: qsTr("TapLedger")

    property string screen: "attract"
    readonly property var guestScreens: ["home", "history", "rewards", "vouchers", "redeem", "receipt", "feedback"]
    readonly property var screens: ({
        "attract": "screens/AttractScreen.qml",
        "home": "screens/HomeScreen.qml",
        "history": "screens/HistoryScreen.qml",
        "rewards": "screens/RewardsScreen.qml",
        "vouchers": "screens/VouchersScreen.qml",
        "redeem": "screens/RedeemScreen.qml",
        "receipt": "screens/ReceiptScreen.qml",
        "feedback": "screens/FeedbackScreen.qml",
        "staff-login": "screens/StaffLoginScreen.qml",
        "staff-menu": "screens/StaffMenuScreen.qml",
        "enrol": "screens/EnrolScreen.qml",
        "topup": "screens/TopUpScreen.qml",
        "payment": "screens/PaymentScreen.qml",
        "lookup": "screens/LookupScreen.qml",
        "replace-card": "screens/ReplaceCardScreen.qml",
        "adjust": "screens/AdjustScreen.qml",
        "shift": "screens/ShiftScreen.qml",
        "device-status": "screens/DeviceStatusScreen.qml"
    })
    // The reward picked on the rewards screen, for the redeem screen (UI state only).
    property string pickedReward: ""
    property int pickedPoints: 0

    function showScreen(name) {
        if (screens[name] === undefined) {
            console.warn("unknown screen", name)
            return
        }
        screen = name
    }

    Connections {
        target: SessionService
        function onMemberChanged() {
            if (SessionService.hasMember && root.screen === "attract")
                root.showScreen("home")
            else if (!SessionService.hasMember && root.guestScreens.indexOf(root.screen) >= 0)
                root.showScreen(SessionService.hasStaff ? "staff-menu" : "attract")
        }
        function onStaffChanged() {
            if (SessionService.staffPinPending)
                root.showScreen("staff-login")
            else if (SessionService.hasStaff && root.screen === "staff-login")
                root.showScreen("staff-menu")
            else if (!SessionService.hasStaff && root.guestScreens.indexOf(root.screen) < 0)
                root.showScreen(SessionService.hasMember ? "home" : "attract")
        }
    }

    // While the touch keyboard is up, the screen moves up just enough that the field being
    // edited stays above it (computed when the keyboard opens or the focus moves, not bound, so
    // moving the screen does not feed back into the amount).
    property real lift: 0
    function updateLift() {
        const item = root.activeFocusItem
        const keyboard = keyboardLoader.item
        if (!keyboard || !keyboard.active || !item || item === root.contentItem) {
            lift = 0
            return
        }
        // The screen's confirm button (a screen's optional confirmItem) should stay visible too,
        // as long as the field itself does not leave the top of the window.
        const top = item.mapToItem(root.contentItem, 0, 0).y + lift
        let bottom = item.mapToItem(root.contentItem, 0, item.height).y + lift
        const confirm = loader.item ? loader.item.confirmItem : null
        if (confirm && confirm.visible)
            bottom = Math.max(bottom, confirm.mapToItem(root.contentItem, 0, confirm.height).y + lift)
        lift = Math.max(0, Math.min(bottom + Theme.gap - (root.height - keyboard.height), top - Theme.gap))
    }
    onActiveFocusItemChanged: updateLift()
    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        transform: Translate { y: -root.lift }
        StatusBar { Layout.fillWidth: true }
        Loader {
            id: loader
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: root.screens[root.screen]
        }
        DemoPanel { Layout.fillWidth: true }
    }
    Connections {
        target: loader.item
        ignoreUnknownSignals: true
        function onGo(name) { root.showScreen(name) }
        function onPick(reward, points) { root.pickedReward = reward; root.pickedPoints = points }
    }

    // The touch keyboard exists only while a screen with text entry can be shown (staff logged
    // in, or the guest's feedback comment): the idle attract screen does not hold its layouts.
    readonly property bool textEntry: SessionService.hasStaff || root.screen === "feedback"
    Loader {
        id: keyboardLoader
        z: 99
        active: root.textEntry
        // The panel places itself (it reports its own geometry to the input method).
        sourceComponent: InputPanel {
            x: 0
            y: active ? root.height - height : root.height
            width: root.width
            onActiveChanged: root.updateLift()
            onHeightChanged: root.updateLift()
        }
    }
}
