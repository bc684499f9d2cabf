import { TabBarRenderer } from '@theia/core/lib/browser/shell/tab-bars';
import type { SideBarRenderData } from '@theia/core/lib/browser/shell/tab-bars';
import { VirtualElement, h } from '@theia/core/shared/@lumino/virtualdom';

/**
 * Theia's tab renderer, given back what Lumino's own tabs have and Theia's override drops: each tab
 * is a `tab` of its `tablist` with `aria-selected`, and the icon glyph is hidden so the name is the
 * view's title in words.
 */
export class AccessibleTabBarRenderer extends TabBarRenderer {
    override renderTab(data: SideBarRenderData, isInSidePanel?: boolean, isPartOfHiddenTabBar?: boolean): VirtualElement {
        const tab = super.renderTab(data, isInSidePanel, isPartOfHiddenTabBar);
        // Side panels show only the icon: the tab's name is still the view's title.
        const name = data.title.label || data.title.caption;
        return h(tab.tag, { ...tab.attrs, ...this.createTabARIA(data), ...(name ? { 'aria-label': name } : {}) }, ...tab.children);
    }

    override renderIcon(data: SideBarRenderData, isInSidePanel?: boolean): VirtualElement {
        const icon = super.renderIcon(data, isInSidePanel);
        return h(icon.tag, { ...icon.attrs, 'aria-hidden': 'true' }, ...icon.children);
    }
}
