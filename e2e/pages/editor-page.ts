import { expect, type Page } from "@playwright/test";

/** The tree editor, driven the way a curator drives it. */
export class EditorPage {
  constructor(readonly page: Page) {}

  async open(treeId: number) {
    await this.page.goto(`/trees/${treeId}`);
    await expect(this.page.getByTestId("tree-canvas")).toBeVisible();
  }

  node(label: string) {
    return this.page.getByTestId(/^node-(?!panel|kind|label|guard|tool|reason|search|missing)/).filter({ hasText: label }).first();
  }

  async select(label: string) {
    await this.node(label).click();
    await expect(this.page.getByTestId("node-panel")).toBeVisible();
  }

  /** Adds a child of `kind` under the selected node and gives it a label; the new node is selected. */
  async addChild(kind: string, label: string) {
    await this.page.getByTestId(`add-child-${kind}`).click();
    const field = this.page.getByTestId("node-label");
    await field.fill(label);
    await expect(this.node(label)).toBeVisible();
  }

  async save() {
    await this.page.getByTestId("save").click();
  }

  savedMarker() {
    return this.page.getByTestId("saved-marker");
  }
}
