import type { interfaces } from '@theia/core/shared/inversify';
import { AbstractViewContribution, bindViewContribution } from '@theia/core/lib/browser/shell/view-contribution';
import { WidgetFactory } from '@theia/core/lib/browser/widget-manager';
import { Widget } from '@theia/core/lib/browser/widgets/widget';

/** A widget class whose static `ID` is also its widget factory's id. */
export type IdentifiedWidget<W extends Widget = Widget> = interfaces.Newable<W> & { readonly ID: string };

/** Binds a widget and the factory that makes it, one widget per factory id (the shell keeps it). */
export function bindWidgetFactory(bind: interfaces.Bind, widget: IdentifiedWidget): void {
    bind(widget).toSelf();
    bind(WidgetFactory).toDynamicValue(({ container }) => ({ id: widget.ID, createWidget: () => container.get(widget) })).inSingletonScope();
}

/** Binds a view: its contribution (commands, menus, toggle) and its widget with the widget's factory. */
export function bindPressworkView(bind: interfaces.Bind, widget: IdentifiedWidget, contribution: interfaces.Newable<AbstractViewContribution<Widget>>): void {
    bindViewContribution(bind, contribution);
    bindWidgetFactory(bind, widget);
}
