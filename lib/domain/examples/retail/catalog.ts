/**
 * The retail catalogue: products and their variants. Variants are their own table (keyed by
 * item id) because an exchange reads one variant's price and decrements its stock, and effect
 * steps address a record field, not a path inside a nested map.
 */
type Variant = { item_id: string; product_id: string; options: Record<string, string>; price: number; stock: number };

const variantList: Variant[] = [
  { item_id: "TEE-BLU-M", product_id: "P-TEE", options: { color: "blue", size: "M" }, price: 19.99, stock: 12 },
  { item_id: "TEE-BLU-L", product_id: "P-TEE", options: { color: "blue", size: "L" }, price: 19.99, stock: 0 },
  { item_id: "TEE-RED-M", product_id: "P-TEE", options: { color: "red", size: "M" }, price: 21.49, stock: 5 },
  { item_id: "HP-BLK", product_id: "P-HEADPHONES", options: { color: "black", noise_cancelling: "no" }, price: 129.99, stock: 3 },
  { item_id: "HP-WHT", product_id: "P-HEADPHONES", options: { color: "white", noise_cancelling: "no" }, price: 134.5, stock: 0 },
  { item_id: "HP-BLK-ANC", product_id: "P-HEADPHONES", options: { color: "black", noise_cancelling: "yes" }, price: 179.99, stock: 2 },
  { item_id: "KET-STEEL", product_id: "P-KETTLE", options: { material: "steel", capacity: "1.7L" }, price: 49.99, stock: 8 },
  { item_id: "KET-GLASS", product_id: "P-KETTLE", options: { material: "glass", capacity: "1.7L" }, price: 54.04, stock: 4 },
  { item_id: "BAG-GRN-30", product_id: "P-BACKPACK", options: { color: "green", capacity: "30L" }, price: 89.0, stock: 6 },
  { item_id: "BAG-GRN-45", product_id: "P-BACKPACK", options: { color: "green", capacity: "45L" }, price: 112.35, stock: 1 },
  { item_id: "BAG-GRY-30", product_id: "P-BACKPACK", options: { color: "grey", capacity: "30L" }, price: 89.0, stock: 0 },
  { item_id: "LAMP-WHT", product_id: "P-LAMP", options: { color: "white" }, price: 34.99, stock: 10 },
  { item_id: "LAMP-BLK", product_id: "P-LAMP", options: { color: "black" }, price: 36.5, stock: 7 },
  { item_id: "SHOE-BLU-42", product_id: "P-SHOES", options: { color: "blue", size: "42" }, price: 99.95, stock: 2 },
  { item_id: "SHOE-BLU-43", product_id: "P-SHOES", options: { color: "blue", size: "43" }, price: 99.95, stock: 3 },
  { item_id: "SHOE-BLK-42", product_id: "P-SHOES", options: { color: "black", size: "42" }, price: 104.2, stock: 0 },
];

const productNames: Record<string, string> = {
  "P-TEE": "Cotton T-Shirt",
  "P-HEADPHONES": "Wireless Headphones",
  "P-KETTLE": "Electric Kettle",
  "P-BACKPACK": "Hiking Backpack",
  "P-LAMP": "Desk Lamp",
  "P-SHOES": "Running Shoes",
};

export const variants: Record<string, Variant> = Object.fromEntries(variantList.map((v) => [v.item_id, v]));

export const products: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(productNames).map(([product_id, name]) => [
    product_id,
    { product_id, name, variant_ids: variantList.filter((v) => v.product_id === product_id).map((v) => v.item_id) },
  ]),
);

/** An order line as orders store it: the variant, its product and the price paid. */
export function orderLine(itemId: string): Record<string, unknown> {
  const v = variants[itemId];
  if (!v) throw new Error(`retail example: unknown item ${itemId}`);
  return { item_id: v.item_id, product_id: v.product_id, name: productNames[v.product_id], options: v.options, price: v.price };
}
