// @lumino/dragdrop reads DragEvent when it is required; Node has none.
if (typeof global.DragEvent === 'undefined') {
    global.DragEvent = class DragEvent { };
}
