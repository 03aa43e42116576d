#!/usr/bin/env python3
"""Regenerates flux-core/data/catalog.json, the embedded catalog (deterministic: no randomness).

Each product says what it is: a realistic name, lowercase tags naming the thing ("energy drink",
"usb-c hub", "sugar-free") and attributes (brand, size, color, flavor, ports, length...; `contains`
for what is in a food an allergy rules out, "peanuts, milk"). A
product is offered by every vendor that carries its category (or the ones it names), with
vendor-specific pricing, delivery times and stock. Unbranded goods carry each vendor's own
brand. Tags are honest: a USB-C to HDMI adapter is not tagged "usb-c hub".

Run from the repository root; commit the output. `--check` only checks that the committed
file is this script's output (the test command runs it).
"""
import json
import pathlib
import sys

VENDORS = [
    {"id": "amazon", "name": "Amazon", "trust_score": 92,
     "volume_tiers": [{"min_packs": 10, "discount_bps": 300}, {"min_packs": 50, "discount_bps": 700}],
     "promotions": [{"id": "amz-prime-swag", "label": "Prime Day: swag 10% off", "category": "swag", "discount_bps": 1000}]},
    {"id": "walmart", "name": "Walmart", "trust_score": 88,
     "volume_tiers": [{"min_packs": 12, "discount_bps": 400}, {"min_packs": 40, "discount_bps": 800}],
     "promotions": [{"id": "wmt-rollback-snacks", "label": "Rollback: snacks 8% off", "category": "snacks", "discount_bps": 800},
                    {"id": "wmt-rollback-drinks", "label": "Rollback: drinks 5% off", "category": "drinks", "discount_bps": 500}]},
    {"id": "tech_direct", "name": "TechData", "trust_score": 95,
     "volume_tiers": [{"min_packs": 5, "discount_bps": 500}, {"min_packs": 20, "discount_bps": 1200}],
     "promotions": [{"id": "td-q4-networking", "label": "Q4 partner pricing: networking 6% off", "category": "networking", "discount_bps": 600}]},
]

# vendor -> (price factor in percent, delivery days for general goods, delivery for tech, stock factor)
PROFILE = {
    "amazon": (100, 2, 1, 10),
    "walmart": (94, 4, 5, 8),
    "tech_direct": (97, 6, 2, 6),
}

TECH = {"adapters", "cables", "power", "av_gear", "networking"}
# Same-day: Walmart store pickup of every other everyday product; Amazon same-day delivery of
# every fourth snack, drink and cleaning product. (A deadline of 0 days is a valid request.)
SAME_DAY = {
    "walmart": ({"snacks", "drinks", "tableware", "cleaning", "office_supplies"}, 2),
    "amazon": ({"snacks", "drinks", "cleaning"}, 4),
}
CARRIERS = {
    "amazon": None,  # everything
    "walmart": {"snacks", "drinks", "badges", "lanyards", "cables", "power", "prizes", "swag", "office_supplies",
                "furniture_rental", "cleaning", "tableware", "adapters"},
    "tech_direct": {"adapters", "cables", "power", "av_gear", "networking", "prizes", "office_supplies", "furniture_rental", "badges"},
}
PREFIX = {"amazon": "amz", "walmart": "wmt", "tech_direct": "td"}
# Short names shoppers use for a brand, tagged besides its full name.
BRAND_ALIASES = {"Monster Energy": ["monster"]}

# Unbranded goods are sold under each vendor's own brand, by kind of goods.
STORE = "store"
STORE_BRANDS = {
    "food": {"amazon": "Happy Belly", "walmart": "Great Value", "tech_direct": "TD Pro"},
    "home": {"amazon": "Amazon Basics", "walmart": "Great Value", "tech_direct": "TD Pro"},
    "office": {"amazon": "Amazon Basics", "walmart": "Pen+Gear", "tech_direct": "TD Pro"},
    "tech": {"amazon": "Amazon Basics", "walmart": "onn.", "tech_direct": "TD Pro"},
}
KIND = {"snacks": "food", "drinks": "food", "cleaning": "home", "tableware": "home", "badges": "office", "lanyards": "office",
        "office_supplies": "office", "swag": "office", "furniture_rental": "home", "prizes": "tech", "adapters": "tech",
        "cables": "tech", "power": "tech", "av_gear": "tech", "networking": "tech"}


def P(sku, name, cents, pack, stock, tags, brand=None, only=None, **attrs):
    """One product: price in cents per pack of `pack` units, base stock in packs. `brand` is a
    brand name, STORE (the vendor's own brand) or None (custom or rental goods)."""
    return {"sku": sku, "name": name, "cents": cents, "pack": pack, "stock": stock, "tags": tags, "brand": brand,
            "only": only, "attrs": attrs}


# category -> products
PRODUCTS = {
    "snacks": [
        P("lays-classic", "Lay's Classic Potato Chips, 1 oz Bags", 1999, 40, 45, ["potato chips", "chips", "classic"], "Lay's", flavor="Classic", size="1 oz"),
        P("fritolay-mix", "Frito-Lay Classic Mix Variety Pack, 1 oz Bags", 2149, 40, 50, ["chips", "variety pack", "doritos", "cheetos", "fritos"], "Frito-Lay", flavor="Variety", size="1 oz", contains="milk"),
        P("kettle-sea-salt", "Kettle Brand Sea Salt Potato Chips, 1.5 oz Bags", 2499, 24, 30, ["potato chips", "kettle chips", "chips", "sea salt", "gluten-free"], "Kettle Brand", flavor="Sea Salt", size="1.5 oz"),
        P("doritos-nacho", "Doritos Nacho Cheese Tortilla Chips, 1 oz Bags", 1899, 40, 40, ["tortilla chips", "chips", "nacho cheese"], "Doritos", flavor="Nacho Cheese", size="1 oz", contains="milk"),
        P("nv-crunchy", "Nature Valley Crunchy Granola Bars, Oats 'n Honey", 1549, 48, 60, ["granola bars", "oats 'n honey"], "Nature Valley", flavor="Oats 'n Honey", contains="oats, soy"),
        P("kind-dark-choc", "KIND Bars, Dark Chocolate Nuts & Sea Salt", 1699, 12, 40, ["nut bars", "snack bars", "gluten-free", "dark chocolate"], "KIND", flavor="Dark Chocolate Nuts & Sea Salt", size="1.4 oz", contains="almonds, peanuts, soy"),
        P("clif-choc-chip", "CLIF BAR Energy Bars, Chocolate Chip", 1549, 12, 45, ["energy bars", "snack bars", "chocolate chip"], "CLIF BAR", flavor="Chocolate Chip", size="2.4 oz", contains="oats, soy"),
        P("rxbar-choc", "RXBAR Protein Bars, Chocolate Sea Salt", 2299, 12, 35, ["protein bars", "gluten-free", "high protein"], "RXBAR", flavor="Chocolate Sea Salt", protein="12 g", contains="almonds, cashews, eggs"),
        P("quest-cookies", "Quest Nutrition Protein Bars, Cookies & Cream", 2499, 12, 30, ["protein bars", "low carb", "gluten-free", "high protein"], "Quest", flavor="Cookies & Cream", protein="21 g", contains="milk"),
        P("trail-mix", "Trail Mix Snack Packs, 1.5 oz", 1899, 24, 40, ["trail mix", "nuts", "raisins"], STORE, size="1.5 oz", contains="peanuts, almonds, cashews"),
        P("mixed-nuts", "Planters Salted Mixed Nuts, 1.5 oz Bags", 1499, 18, 35, ["nuts", "mixed nuts", "salted"], "Planters", size="1.5 oz", contains="peanuts, cashews, almonds, pecans"),
        P("almonds", "Blue Diamond Whole Natural Almonds, 100 Calorie Packs", 1799, 32, 30, ["almonds", "nuts", "gluten-free", "vegan"], "Blue Diamond", size="0.63 oz", contains="almonds"),
        P("cookie-variety", "Nabisco Cookie Variety Pack, OREO, Chips Ahoy! & Nutter Butter, 1 oz", 1999, 40, 35, ["cookies", "variety pack", "oreo", "chips ahoy"], "Nabisco", flavor="Variety", size="1 oz", contains="peanuts, wheat, soy"),
        P("choc-candy-mix", "Mars Chocolate Favorites Fun Size Candy Bars Variety Mix", 1999, 85, 30, ["candy", "chocolate", "candy bars", "m&m's", "snickers", "twix"], "Mars", flavor="Variety", contains="peanuts, milk, soy"),
        P("gummy-bears", "HARIBO Goldbears Gummy Bears, 0.8 oz Bags", 1799, 54, 30, ["gummy bears", "candy", "gummies"], "HARIBO", size="0.8 oz", contains="gelatin"),
        P("fruit-snacks", "Welch's Fruit Snacks, Mixed Fruit, 0.9 oz Pouches", 1099, 40, 50, ["fruit snacks", "gluten-free", "fat-free"], "Welch's", flavor="Mixed Fruit", size="0.9 oz", contains="gelatin"),
        P("skinnypop", "SkinnyPop Original Popcorn, 100 Calorie Bags", 1999, 28, 30, ["popcorn", "gluten-free", "vegan", "dairy-free"], "SkinnyPop", flavor="Original", size="0.65 oz"),
        P("popcorn", "Lightly Salted Popcorn, 0.6 oz Bags", 1649, 36, 30, ["popcorn", "lightly salted"], STORE, size="0.6 oz"),
        P("mini-pretzels", "Snyder's of Hanover Mini Pretzels, 1.5 oz Bags", 1849, 36, 40, ["pretzels", "mini pretzels"], "Snyder's of Hanover", size="1.5 oz", contains="wheat"),
        P("veggie-straws", "Sensible Portions Garden Veggie Straws, Sea Salt, 1 oz Bags", 1599, 24, 30, ["veggie straws", "chips", "vegan", "gluten-free"], "Sensible Portions", flavor="Sea Salt", size="1 oz"),
        P("granola-minis", "MadeGood Granola Minis, Chocolate Chip, Vegan & Gluten-Free", 1999, 24, 25, ["granola bites", "vegan", "gluten-free", "nut-free"], "MadeGood", flavor="Chocolate Chip", size="0.85 oz"),
        P("goldfish", "Goldfish Cheddar Crackers, 1 oz Snack Packs", 1399, 30, 40, ["crackers", "goldfish", "cheddar"], "Pepperidge Farm", flavor="Cheddar", size="1 oz", contains="wheat, milk"),
        P("beef-jerky", "Jack Link's Original Beef Jerky, 1.25 oz Bags", 1599, 10, 25, ["beef jerky", "jerky", "high protein"], "Jack Link's", flavor="Original", size="1.25 oz", contains="soy, wheat"),
        P("snack-box", "Healthy Snack Box Variety Pack: Chips, Bars, Nuts & Cookies", 3999, 50, 20, ["snack box", "variety pack", "chips", "granola bars", "cookies"], STORE, flavor="Variety", contains="peanuts, almonds, wheat, milk, soy"),
    ],
    "drinks": [
        P("redbull-8", "Red Bull Energy Drink, 8.4 fl oz Cans", 3999, 24, 40, ["energy drink", "caffeinated", "original"], "Red Bull", flavor="Original", size="8.4 fl oz", sugar="regular"),
        P("redbull-sf-8", "Red Bull Sugarfree Energy Drink, 8.4 fl oz Cans", 3999, 24, 35, ["energy drink", "sugar-free", "caffeinated"], "Red Bull", flavor="Sugarfree", size="8.4 fl oz", sugar="sugar-free"),
        P("redbull-12", "Red Bull Energy Drink, 12 fl oz Cans", 5299, 24, 25, ["energy drink", "caffeinated", "original"], "Red Bull", flavor="Original", size="12 fl oz", sugar="regular"),
        P("monster-16", "Monster Energy Drink, Green, Original, 16 fl oz Cans", 4499, 24, 30, ["energy drink", "caffeinated", "original"], "Monster Energy", flavor="Original", size="16 fl oz", sugar="regular"),
        P("monster-ultra", "Monster Energy Zero Ultra, Sugar Free Energy Drink, 16 fl oz Cans", 4499, 24, 30, ["energy drink", "sugar-free", "zero sugar", "caffeinated"], "Monster Energy", flavor="Zero Ultra", size="16 fl oz", sugar="sugar-free"),
        P("celsius-orange", "CELSIUS Sparkling Orange Essential Energy Drink, Zero Sugar, 12 fl oz Cans", 2199, 12, 35, ["energy drink", "sugar-free", "zero sugar", "sparkling", "caffeinated"], "CELSIUS", flavor="Sparkling Orange", size="12 fl oz", sugar="sugar-free"),
        P("5hour-berry", "5-hour ENERGY Shot, Berry, Sugar Free, 1.93 oz", 4499, 24, 20, ["energy shot", "sugar-free", "caffeinated"], "5-hour ENERGY", flavor="Berry", size="1.93 fl oz", sugar="sugar-free"),
        P("aquafina-16", "Aquafina Purified Drinking Water, 16.9 fl oz Bottles", 799, 24, 100, ["bottled water", "water", "purified water", "caffeine-free"], "Aquafina", size="16.9 fl oz"),
        P("water-16", "Purified Bottled Water, 16.9 fl oz", 599, 24, 120, ["bottled water", "water", "caffeine-free", "purified water"], STORE, size="16.9 fl oz"),
        P("water-8", "Nestle Pure Life Purified Water, 8 fl oz Mini Bottles", 649, 24, 80, ["bottled water", "water", "mini bottles", "caffeine-free"], "Nestle Pure Life", size="8 fl oz"),
        P("smartwater-1l", "smartwater Vapor Distilled Water, 1 Liter Bottles", 2299, 12, 40, ["bottled water", "water", "electrolytes", "caffeine-free"], "smartwater", size="1 L"),
        P("fiji-16", "FIJI Natural Artesian Water, 16.9 fl oz Bottles", 3199, 24, 30, ["bottled water", "water", "artesian water", "premium", "caffeine-free"], "FIJI", size="16.9 fl oz"),
        P("lacroix-grapefruit", "LaCroix Sparkling Water, Pamplemousse, 12 fl oz Cans", 599, 12, 60, ["sparkling water", "seltzer", "grapefruit", "sugar-free", "caffeine-free"], "LaCroix", flavor="Pamplemousse", size="12 fl oz"),
        P("bubly-variety", "bubly Sparkling Water Variety Pack, 12 fl oz Cans", 1199, 18, 50, ["sparkling water", "seltzer", "variety pack", "sugar-free", "caffeine-free"], "bubly", flavor="Variety", size="12 fl oz"),
        P("perrier-16", "Perrier Carbonated Mineral Water, 16.9 fl oz Bottles", 2999, 24, 25, ["sparkling water", "mineral water", "caffeine-free"], "Perrier", size="16.9 fl oz"),
        P("stok-black", "SToK Cold Brew Coffee, Un-Sweet Black, 13.7 fl oz Bottles", 2999, 12, 25, ["cold brew", "coffee", "unsweetened", "caffeinated"], "SToK", flavor="Un-Sweet Black", size="13.7 fl oz"),
        P("highbrew-black", "High Brew Cold Brew Coffee, Black & Bold, 8 fl oz Cans", 2799, 12, 25, ["cold brew", "coffee", "unsweetened", "caffeinated"], "High Brew", flavor="Black & Bold", size="8 fl oz"),
        P("cold-brew", "Cold Brew Coffee, 11 fl oz Cans", 2899, 12, 25, ["cold brew", "coffee", "caffeinated"], STORE, size="11 fl oz"),
        P("coke-12", "Coca-Cola Classic, 12 fl oz Cans", 1349, 24, 70, ["soda", "cola", "coke", "caffeinated"], "Coca-Cola", flavor="Classic", size="12 fl oz", sugar="regular"),
        P("diet-coke-12", "Diet Coke, 12 fl oz Cans", 1349, 24, 60, ["soda", "diet soda", "cola", "diet coke", "sugar-free", "caffeinated"], "Coca-Cola", flavor="Diet", size="12 fl oz", sugar="sugar-free"),
        P("soda-variety", "Assorted Soda Variety Pack, 12 fl oz Cans", 1249, 24, 80, ["soda", "variety pack"], STORE, flavor="Variety", size="12 fl oz"),
        P("juicy-juice", "Juicy Juice 100% Juice, Apple, 6.75 fl oz Boxes", 1399, 32, 40, ["juice", "apple juice", "juice boxes", "caffeine-free"], "Juicy Juice", flavor="Apple", size="6.75 fl oz"),
        P("tropicana-oj", "Tropicana Pure Premium Orange Juice, No Pulp, 10 fl oz Bottles", 1599, 12, 30, ["juice", "orange juice", "caffeine-free"], "Tropicana", flavor="Orange", size="10 fl oz"),
        P("gatorade-variety", "Gatorade Thirst Quencher Variety Pack, 20 fl oz Bottles", 2599, 24, 40, ["sports drink", "electrolytes", "variety pack", "caffeine-free"], "Gatorade", flavor="Variety", size="20 fl oz", sugar="regular"),
        P("gatorade-zero", "Gatorade Zero Sugar Thirst Quencher, Glacier Freeze, 20 fl oz Bottles", 1449, 12, 40, ["sports drink", "electrolytes", "sugar-free", "zero sugar", "caffeine-free"], "Gatorade", flavor="Glacier Freeze", size="20 fl oz", sugar="sugar-free"),
        P("bodyarmor-punch", "BODYARMOR Sports Drink, Fruit Punch, 16 fl oz Bottles", 1599, 12, 30, ["sports drink", "electrolytes", "coconut water", "caffeine-free"], "BODYARMOR", flavor="Fruit Punch", size="16 fl oz"),
    ],
    "badges": [
        P("pvc-horizontal", "Clear PVC Badge Holders, Horizontal, 4 x 3 in", 1499, 50, 40, ["badge holders", "name badge holders", "clear", "horizontal"], STORE, size="4 x 3 in", orientation="horizontal"),
        P("pvc-vertical", "Clear Vertical Badge Holders with Resealable Zip, 2.5 x 3.5 in", 1699, 50, 40, ["badge holders", "id card holders", "clear", "vertical"], "Specialist ID", size="2.5 x 3.5 in", orientation="vertical"),
        P("hard-vertical", "Rigid Hard Plastic Badge Holders, 2-Sided, Vertical", 1999, 25, 30, ["badge holders", "hard plastic", "vertical"], "Specialist ID", orientation="vertical", material="polycarbonate"),
        P("color-holders", "Colored Badge Holders for Attendee Roles, Assorted Colors, 4 x 3 in", 1699, 50, 25, ["badge holders", "color-coded", "assorted colors"], STORE, size="4 x 3 in", color="assorted"),
        P("holder-lanyard", "Badge Holders with Breakaway Lanyards, Vertical, Blue", 2499, 50, 30, ["badge holders", "badge holder with lanyard", "vertical"], STORE, color="blue", orientation="vertical", lanyard="breakaway, blue"),
        P("badge-reels", "Retractable Badge Reels with Belt Clip, Black", 1499, 25, 30, ["badge reels", "retractable", "belt clip"], STORE, color="black"),
        P("hello-stickers", "Avery \"Hello My Name Is\" Name Tag Stickers, 2-11/32 x 3-3/8 in", 1099, 100, 60, ["name tags", "name tag stickers", "hello my name is", "adhesive"], "Avery", size="2-11/32 x 3-3/8 in", color="red border"),
        P("badge-inserts", "Avery Printable Name Badge Inserts, 3 x 4 in, White", 2199, 300, 35, ["name badge inserts", "printable badges", "name tags"], "Avery", size="3 x 4 in", color="white"),
        P("magnetic", "Magnetic Name Badge Backs", 2199, 25, 20, ["magnetic badges", "badge backs", "name badges"], STORE, fastener="magnet"),
        P("printed", "Custom Printed Event Badges, Full Color, 4 x 3 in", 6499, 50, 15, ["printed badges", "custom badges", "event badges", "name badges"], None, size="4 x 3 in", printing="full color"),
        P("pvc-cards", "Custom Printed PVC ID Cards, CR80, Full Color", 7999, 100, 12, ["printed badges", "id cards", "pvc cards", "custom badges"], None, size="CR80", printing="full color"),
        P("badge-kit", "Conference Badge Kit: 4 x 3 in Holders, Printable Inserts and Lanyards", 5999, 100, 15, ["badge kit", "badge holders", "name badge inserts", "conference badges"], STORE, size="4 x 3 in"),
    ],
    "lanyards": [
        P("flat-black", "Flat Polyester Lanyards with Swivel Hook, Black", 1799, 50, 40, ["lanyards", "polyester", "swivel hook"], STORE, color="black", width="3/4 in"),
        P("flat-blue", "Flat Polyester Lanyards with Swivel Hook, Royal Blue", 1799, 50, 35, ["lanyards", "polyester", "swivel hook"], STORE, color="royal blue", width="3/4 in"),
        P("flat-red", "Flat Polyester Lanyards with Swivel Hook, Red", 1799, 50, 30, ["lanyards", "polyester", "swivel hook"], STORE, color="red", width="3/4 in"),
        P("flat-green", "Flat Polyester Lanyards with Swivel Hook, Green", 1799, 50, 25, ["lanyards", "polyester", "swivel hook"], STORE, color="green", width="3/4 in"),
        P("breakaway-black", "Breakaway Safety Lanyards, Black", 2199, 50, 30, ["lanyards", "breakaway lanyards", "safety"], STORE, color="black", clasp="breakaway"),
        P("breakaway-navy", "Breakaway Safety Lanyards, Navy", 2199, 50, 25, ["lanyards", "breakaway lanyards", "safety"], STORE, color="navy", clasp="breakaway"),
        P("breakaway-red", "Breakaway Safety Lanyards, Red", 2199, 50, 20, ["lanyards", "breakaway lanyards", "safety"], STORE, color="red", clasp="breakaway"),
        P("custom-34", "Custom Printed Lanyards, 3/4 in, Full Color", 8999, 100, 10, ["lanyards", "printed lanyards", "custom lanyards"], None, width="3/4 in", printing="full color"),
        P("custom-12", "Custom Printed Lanyards, 1/2 in, One Color", 6999, 100, 12, ["lanyards", "printed lanyards", "custom lanyards"], None, width="1/2 in", printing="one color"),
        P("custom-breakaway", "Custom Printed Breakaway Lanyards, 3/4 in, Full Color", 9999, 100, 8, ["lanyards", "printed lanyards", "breakaway lanyards", "custom lanyards"], None, width="3/4 in", clasp="breakaway", printing="full color"),
        P("recycled", "Recycled PET Lanyards, Natural Green", 2499, 50, 25, ["lanyards", "recycled", "eco-friendly"], STORE, color="green", material="recycled PET"),
        P("cord-assorted", "Round Cord Lanyards with J-Hook, Assorted Colors", 1499, 100, 30, ["lanyards", "cord lanyards", "assorted colors"], STORE, color="assorted"),
    ],
    "adapters": [
        P("anker-hub-4", "Anker USB-C Hub, 4-in-1, 4 USB-A 3.0 Ports", 1999, 1, 80, ["usb-c hub", "usb hub", "4-in-1 hub"], "Anker", ports="4x USB-A 3.0", connector="USB-C"),
        P("anker-hub-7", "Anker 341 USB-C Hub, 7-in-1, 4K HDMI, 100W PD, SD/microSD", 3499, 1, 70, ["usb-c hub", "7-in-1 hub", "multiport hub"], "Anker", ports="HDMI 4K30, 2x USB-A, USB-C PD 100W, USB-C data, SD, microSD", connector="USB-C"),
        P("hub-7", "USB-C Hub 7-in-1, 4K HDMI, 100W PD", 2999, 1, 80, ["usb-c hub", "7-in-1 hub", "multiport hub"], STORE, ports="HDMI 4K30, 3x USB-A, USB-C PD 100W, SD, microSD", connector="USB-C"),
        P("ugreen-hub-10", "UGREEN Revodok USB-C Hub, 10-in-1, 4K HDMI, Gigabit Ethernet, 100W PD", 4999, 1, 45, ["usb-c hub", "10-in-1 hub", "multiport hub"], "UGREEN", ports="HDMI 4K60, VGA, Ethernet, 3x USB-A, USB-C PD 100W, SD, microSD, 3.5 mm audio", connector="USB-C"),
        P("anker-hdmi", "Anker USB-C to HDMI Adapter, 4K@60Hz", 1599, 1, 100, ["usb-c to hdmi adapter", "hdmi adapter", "video adapter"], "Anker", resolution="4K@60Hz", connector="USB-C"),
        P("hdmi", "USB-C to HDMI Adapter, 4K60", 1299, 1, 120, ["usb-c to hdmi adapter", "hdmi adapter", "video adapter"], STORE, resolution="4K@60Hz", connector="USB-C"),
        P("displayport", "USB-C to DisplayPort Adapter, 4K@60Hz", 1699, 1, 60, ["usb-c to displayport adapter", "displayport adapter", "video adapter"], STORE, resolution="4K@60Hz", connector="USB-C"),
        P("apple-av", "Apple USB-C Digital AV Multiport Adapter", 6900, 1, 40, ["multiport adapter", "usb-c adapter", "hdmi adapter"], "Apple", ports="HDMI 4K60, USB-A, USB-C charging", connector="USB-C"),
        P("ugreen-ethernet", "UGREEN USB-C to Ethernet Adapter, Gigabit", 1599, 1, 80, ["usb-c to ethernet adapter", "ethernet adapter", "network adapter"], "UGREEN", speed="1 Gbps", connector="USB-C"),
        P("ethernet", "USB-C to Gigabit Ethernet Adapter", 1399, 1, 90, ["usb-c to ethernet adapter", "ethernet adapter", "network adapter"], STORE, speed="1 Gbps", connector="USB-C"),
        P("usba-ethernet", "USB 3.0 to Gigabit Ethernet Adapter", 1499, 1, 60, ["usb to ethernet adapter", "ethernet adapter", "network adapter"], STORE, speed="1 Gbps", connector="USB-A"),
        P("usbc-to-a", "Anker USB-C to USB-A Adapter, 2 Pack", 999, 2, 90, ["usb-c to usb-a adapter", "usb adapter"], "Anker", connector="USB-C"),
        P("dock", "USB-C Docking Station, Dual Display", 11999, 1, 30, ["docking station", "usb-c dock", "laptop dock", "dual monitor dock"], STORE, ports="2x HDMI, DisplayPort, Ethernet, 4x USB-A, USB-C PD 100W", displays="2"),
        P("dell-wd19s", "Dell WD19S USB-C Docking Station, 130W", 17999, 1, 25, ["docking station", "usb-c dock", "laptop dock", "dual monitor dock"], "Dell", ports="2x DisplayPort, HDMI, Ethernet, 3x USB-A, 2x USB-C", wattage="130W", displays="2"),
        P("travel-epicka", "EPICKA Universal Travel Adapter with 4 USB and 1 USB-C", 2599, 1, 60, ["travel adapter", "universal plug adapter", "international"], "EPICKA", ports="4x USB-A, USB-C", regions="US, UK, EU, AU"),
        P("travel", "Universal Travel Adapter with USB-C, 150+ Countries", 2299, 1, 50, ["travel adapter", "universal plug adapter", "international"], STORE, ports="2x USB-A, USB-C", regions="US, UK, EU, AU"),
    ],
    "cables": [
        P("anker-usbc-3ft", "Anker USB-C to USB-C Cable, 100W, 3 ft", 1199, 1, 120, ["usb-c cable", "usb-c to usb-c cable", "charging cable"], "Anker", length="3 ft", wattage="100W"),
        P("anker-usbc-6ft", "Anker USB-C to USB-C Cable, 100W, 6 ft", 1399, 1, 110, ["usb-c cable", "usb-c to usb-c cable", "charging cable"], "Anker", length="6 ft", wattage="100W"),
        P("anker-usbc-10ft", "Anker USB-C to USB-C Cable, 100W, 10 ft", 1699, 1, 70, ["usb-c cable", "usb-c to usb-c cable", "charging cable"], "Anker", length="10 ft", wattage="100W"),
        P("usbc-6ft-2pk", "USB-C to USB-C Cable, 6 ft, 100W, 2 Pack", 1199, 2, 150, ["usb-c cable", "usb-c to usb-c cable", "charging cable"], STORE, length="6 ft", wattage="100W"),
        P("usba-to-c-3pk", "USB-A to USB-C Cable, 3 ft, 3 Pack", 1099, 3, 120, ["usb-c cable", "usb-a to usb-c cable", "charging cable"], STORE, length="3 ft"),
        P("apple-lightning-1m", "Apple USB-C to Lightning Cable, 1 m", 1900, 1, 80, ["lightning cable", "usb-c to lightning cable", "charging cable", "iphone"], "Apple", length="1 m"),
        P("lightning-6ft", "USB-C to Lightning Cable, 6 ft, MFi Certified", 1399, 1, 100, ["lightning cable", "usb-c to lightning cable", "charging cable", "iphone"], STORE, length="6 ft"),
        P("lightning-3ft-2pk", "USB-A to Lightning Cable, 3 ft, MFi Certified, 2 Pack", 1299, 2, 90, ["lightning cable", "usb-a to lightning cable", "charging cable", "iphone"], STORE, length="3 ft"),
        P("hdmi-3ft", "HDMI 2.1 Cable, 8K, 48Gbps, 3 ft", 999, 1, 90, ["hdmi cable", "hdmi 2.1", "8k"], STORE, length="3 ft", resolution="8K@60Hz, 4K@120Hz"),
        P("hdmi-6ft", "HDMI 2.1 Cable, 8K, 48Gbps, 6 ft", 1199, 1, 100, ["hdmi cable", "hdmi 2.1", "8k"], STORE, length="6 ft", resolution="8K@60Hz, 4K@120Hz"),
        P("hdmi-10ft", "HDMI 2.1 Cable, 8K, 48Gbps, 10 ft", 1499, 1, 90, ["hdmi cable", "hdmi 2.1", "8k"], STORE, length="10 ft", resolution="8K@60Hz, 4K@120Hz"),
        P("hdmi-25ft", "High Speed HDMI Cable, 4K, 25 ft", 2299, 1, 40, ["hdmi cable", "long hdmi cable", "4k"], STORE, length="25 ft", resolution="4K@60Hz"),
        P("belkin-hdmi-6ft", "Belkin Ultra High Speed HDMI 2.1 Cable, 6.6 ft", 2999, 1, 50, ["hdmi cable", "hdmi 2.1", "8k"], "Belkin", length="6.6 ft", resolution="8K@60Hz, 4K@120Hz"),
        P("cat6-3ft-5pk", "Cat6 Ethernet Patch Cable, 3 ft, 5 Pack", 1299, 5, 80, ["ethernet cable", "cat6", "patch cable", "network cable"], STORE, length="3 ft", speed="1 Gbps"),
        P("cat6-10ft", "Cat6 Ethernet Cable, 10 ft", 799, 1, 100, ["ethernet cable", "cat6", "network cable"], STORE, length="10 ft", speed="1 Gbps"),
        P("cat6-25ft", "Cat6 Ethernet Cable, 25 ft", 1299, 1, 70, ["ethernet cable", "cat6", "network cable"], STORE, length="25 ft", speed="1 Gbps"),
        P("cat6-50ft", "Cat6 Ethernet Cable, 50 ft", 1899, 1, 50, ["ethernet cable", "cat6", "network cable"], STORE, length="50 ft", speed="1 Gbps"),
        P("cat6-100ft", "Cat6 Outdoor Ethernet Cable, 100 ft", 3299, 1, 30, ["ethernet cable", "cat6", "network cable", "outdoor"], STORE, length="100 ft", speed="1 Gbps"),
        P("displayport-6ft", "DisplayPort 1.4 Cable, 8K, 6 ft", 1399, 1, 50, ["displayport cable", "dp cable"], STORE, length="6 ft", resolution="8K@60Hz"),
        P("xlr-25ft", "XLR Microphone Cable, Male to Female, 25 ft", 1699, 1, 40, ["xlr cable", "microphone cable", "audio cable"], STORE, length="25 ft"),
    ],
    "power": [
        P("strip-6", "6-Outlet Surge Protector Power Strip, 790 Joules, 6 ft Cord", 1599, 1, 80, ["power strip", "surge protector"], STORE, outlets="6", joules="790", length="6 ft"),
        P("strip-12", "12-Outlet Surge Protector Power Strip, 4,000 Joules", 3299, 1, 60, ["power strip", "surge protector"], STORE, outlets="12", joules="4000", length="8 ft"),
        P("belkin-12", "Belkin 12-Outlet Pivot-Plug Surge Protector, 8 ft Cord", 3999, 1, 40, ["power strip", "surge protector"], "Belkin", outlets="12", joules="4320", length="8 ft"),
        P("apc-11-usb", "APC SurgeArrest 11-Outlet Surge Protector with 2 USB Ports", 4299, 1, 35, ["power strip", "surge protector", "usb charging"], "APC", outlets="11", usb_ports="2", joules="2880"),
        P("anker-strip-usbc", "Anker Power Strip Surge Protector, 8 Outlets, 2 USB-C, 5 ft", 3599, 1, 45, ["power strip", "surge protector", "usb-c charging"], "Anker", outlets="8", usb_ports="2x USB-C, 1x USB-A", length="5 ft"),
        P("cord-25", "Indoor/Outdoor Extension Cord, 16 AWG, 25 ft", 1699, 1, 60, ["extension cord", "outdoor"], STORE, length="25 ft", gauge="16 AWG"),
        P("cord-50", "Outdoor Extension Cord, 14 AWG, 50 ft", 3999, 1, 40, ["extension cord", "outdoor", "heavy duty"], STORE, length="50 ft", gauge="14 AWG"),
        P("cord-100", "Heavy Duty Outdoor Extension Cord, 12 AWG, 100 ft", 7999, 1, 25, ["extension cord", "outdoor", "heavy duty"], STORE, length="100 ft", gauge="12 AWG"),
        P("cord-3outlet", "Indoor Extension Cord with 3 Outlets, 15 ft, White", 1299, 1, 60, ["extension cord", "indoor", "multi-outlet"], STORE, length="15 ft", outlets="3", color="white"),
        P("reel", "Retractable Cord Reel, 4 Outlets, 30 ft", 6999, 1, 15, ["cord reel", "extension cord", "retractable"], STORE, length="30 ft", outlets="4"),
        P("usb-station", "6-Port USB-C Charging Station, 120W", 4599, 1, 35, ["charging station", "usb-c charger", "multi-device charger"], STORE, ports="4x USB-C, 2x USB-A", wattage="120W"),
        P("anker-727", "Anker 727 Charging Station, 6-in-1, 100W", 7999, 1, 30, ["charging station", "usb-c charger", "multi-device charger"], "Anker", ports="2x USB-C, 2x USB-A, 2x AC", wattage="100W"),
        P("station-10", "10-Port Charging Station for Phones and Tablets, with Cables", 4599, 1, 30, ["charging station", "multi-device charger", "phone charging"], STORE, ports="10x USB", wattage="120W"),
        P("anker-bank-10k", "Anker Power Bank, 10,000 mAh, USB-C", 2599, 1, 60, ["power bank", "portable charger", "battery pack"], "Anker", capacity="10000 mAh", ports="USB-C, USB-A"),
        P("cord-cover", "Floor Cord Cover, 6 ft, Black", 2499, 1, 40, ["cord cover", "cable protector", "trip hazard"], STORE, length="6 ft", color="black"),
    ],
    "prizes": [
        P("sony-xm5", "Sony WH-1000XM5 Wireless Noise Canceling Headphones", 39999, 1, 15, ["headphones", "noise-cancelling headphones", "wireless headphones", "over-ear"], "Sony", color="black"),
        P("bose-qc", "Bose QuietComfort Wireless Noise Cancelling Headphones", 34900, 1, 15, ["headphones", "noise-cancelling headphones", "wireless headphones", "over-ear"], "Bose", color="black"),
        P("airpods-pro2", "Apple AirPods Pro 2 Wireless Earbuds", 24900, 1, 20, ["earbuds", "wireless earbuds", "noise-cancelling", "airpods"], "Apple", color="white"),
        P("jbl-tune510", "JBL Tune 510BT Wireless On-Ear Headphones", 4995, 1, 30, ["headphones", "wireless headphones", "on-ear"], "JBL", color="black"),
        P("jbl-flip6", "JBL Flip 6 Portable Bluetooth Speaker", 12995, 1, 25, ["bluetooth speaker", "portable speaker", "waterproof"], "JBL", color="black"),
        P("visa-25", "$25 Visa Gift Card", 2995, 1, 200, ["gift card", "visa gift card"], "Visa", value="25 USD"),
        P("visa-50", "$50 Visa Gift Card", 5595, 1, 150, ["gift card", "visa gift card"], "Visa", value="50 USD"),
        P("visa-100", "$100 Visa Gift Card", 10595, 1, 100, ["gift card", "visa gift card"], "Visa", value="100 USD"),
        P("amazon-gc-50", "Amazon.com Gift Card, $50", 5000, 1, 200, ["gift card", "amazon gift card"], "Amazon", only=["amazon"], value="50 USD"),
        P("walmart-gc-50", "Walmart Gift Card, $50", 5000, 1, 200, ["gift card", "walmart gift card"], "Walmart", only=["walmart"], value="50 USD"),
        P("keychron-k2", "Keychron K2 Wireless Mechanical Keyboard, Hot-Swappable", 8999, 1, 25, ["mechanical keyboard", "keyboard", "wireless keyboard"], "Keychron", layout="75%", switches="Gateron Brown"),
        P("mx-keys-s", "Logitech MX Keys S Wireless Keyboard", 10999, 1, 25, ["keyboard", "wireless keyboard", "backlit"], "Logitech", layout="full size"),
        P("ipad-10", "Apple iPad (10th Generation), 10.9-inch, Wi-Fi, 64 GB", 34900, 1, 15, ["tablet", "ipad"], "Apple", storage="64 GB", screen="10.9 in"),
        P("galaxy-tab-a9", "Samsung Galaxy Tab A9+, 11-inch, 64 GB", 21999, 1, 20, ["tablet", "android tablet"], "Samsung", storage="64 GB", screen="11 in"),
        P("fire-hd10", "Amazon Fire HD 10 Tablet, 10.1-inch, 32 GB", 13999, 1, 30, ["tablet", "fire tablet"], "Amazon", only=["amazon"], storage="32 GB", screen="10.1 in"),
        P("apple-watch-se", "Apple Watch SE (2nd Gen), GPS, 40 mm", 24900, 1, 15, ["smartwatch", "apple watch", "fitness tracker"], "Apple", size="40 mm"),
        P("fitbit-charge6", "Fitbit Charge 6 Fitness Tracker", 15995, 1, 20, ["fitness tracker", "activity tracker"], "Fitbit", color="black"),
        P("garmin-fr165", "Garmin Forerunner 165 GPS Running Smartwatch", 24999, 1, 12, ["smartwatch", "running watch", "gps watch"], "Garmin", size="43 mm"),
        P("dji-mini-4k", "DJI Mini 4K Drone with 3-Axis Gimbal Camera", 29900, 1, 10, ["drone", "camera drone", "4k"], "DJI", camera="4K", weight="249 g"),
        P("tello", "Ryze Tello Mini Drone, Programmable", 9900, 1, 15, ["drone", "mini drone", "programmable", "stem"], "Ryze", camera="720p"),
        P("kindle-pw", "Kindle Paperwhite, 16 GB", 15999, 1, 25, ["e-reader", "kindle"], "Amazon", only=["amazon"], storage="16 GB", screen="7 in"),
        P("kobo-clara", "Kobo Clara BW E-Reader, 16 GB", 12999, 1, 15, ["e-reader", "ebook reader"], "Kobo", storage="16 GB", screen="6 in"),
        P("switch-oled", "Nintendo Switch OLED Model", 34999, 1, 15, ["game console", "nintendo switch"], "Nintendo", color="white"),
        P("rpi5-kit", "Raspberry Pi 5 Starter Kit, 8 GB", 15999, 1, 20, ["raspberry pi", "maker kit", "single-board computer"], "Raspberry Pi", memory="8 GB"),
        P("trophy", "Crystal Award Trophy, Engravable, 8 in", 5999, 1, 30, ["trophy", "award", "engraved"], None, size="8 in", material="crystal"),
    ],
    "swag": [
        P("tee-black", "Custom Printed Unisex T-Shirts, Black, Assorted Sizes S-XXL", 44999, 50, 10, ["t-shirts", "custom t-shirts", "printed t-shirts"], None, color="black", sizes="S-XXL assorted", material="cotton"),
        P("tee-navy", "Custom Printed Unisex T-Shirts, Navy, Assorted Sizes S-XXL", 44999, 50, 10, ["t-shirts", "custom t-shirts", "printed t-shirts"], None, color="navy", sizes="S-XXL assorted", material="cotton"),
        P("tee-white", "Custom Printed Unisex T-Shirts, White, Assorted Sizes S-XXL", 42999, 50, 10, ["t-shirts", "custom t-shirts", "printed t-shirts"], None, color="white", sizes="S-XXL assorted", material="cotton"),
        P("tee-heather", "Custom Printed Unisex T-Shirts, Heather Gray, Assorted Sizes S-XXL", 44999, 50, 8, ["t-shirts", "custom t-shirts", "printed t-shirts"], None, color="heather gray", sizes="S-XXL assorted", material="cotton blend"),
        P("gildan-black-m", "Gildan Heavy Cotton Blank T-Shirts, Black, Size M, 12 Pack", 5999, 12, 20, ["t-shirts", "blank t-shirts"], "Gildan", color="black", size="M", material="cotton"),
        P("gildan-black-l", "Gildan Heavy Cotton Blank T-Shirts, Black, Size L, 12 Pack", 5999, 12, 20, ["t-shirts", "blank t-shirts"], "Gildan", color="black", size="L", material="cotton"),
        P("gildan-black-xl", "Gildan Heavy Cotton Blank T-Shirts, Black, Size XL, 12 Pack", 6299, 12, 15, ["t-shirts", "blank t-shirts"], "Gildan", color="black", size="XL", material="cotton"),
        P("gildan-white-l", "Gildan Heavy Cotton Blank T-Shirts, White, Size L, 12 Pack", 5499, 12, 20, ["t-shirts", "blank t-shirts"], "Gildan", color="white", size="L", material="cotton"),
        P("hoodie-black", "Custom Printed Pullover Hoodies, Black, Assorted Sizes", 74999, 25, 6, ["hoodies", "custom hoodies", "sweatshirts"], None, color="black", sizes="S-XXL assorted"),
        P("hoodie-navy", "Custom Printed Pullover Hoodies, Navy, Assorted Sizes", 74999, 25, 6, ["hoodies", "custom hoodies", "sweatshirts"], None, color="navy", sizes="S-XXL assorted"),
        P("zip-hoodie", "Custom Embroidered Zip Hoodies, Heather Gray", 89999, 25, 5, ["hoodies", "zip hoodies", "embroidered"], None, color="heather gray", sizes="S-XXL assorted"),
        P("stickers", "Die-Cut Vinyl Logo Stickers, 3 in", 5999, 100, 30, ["stickers", "vinyl stickers", "logo stickers"], None, size="3 in"),
        P("holo-stickers", "Holographic Logo Stickers, 2 in", 9999, 250, 15, ["stickers", "holographic stickers", "logo stickers"], None, size="2 in"),
        P("bottle-steel", "Insulated Stainless Steel Water Bottles, Laser Engraved, 20 oz", 39999, 25, 8, ["water bottles", "insulated bottles", "engraved"], None, size="20 oz", material="stainless steel"),
        P("bottle-plastic", "Custom Printed Sport Water Bottles, BPA-Free, 24 oz", 19999, 50, 12, ["water bottles", "sport bottles", "bpa-free"], None, size="24 oz", material="plastic"),
        P("mugs", "Custom Printed Ceramic Coffee Mugs, 11 oz", 21999, 36, 10, ["mugs", "coffee mugs", "ceramic"], None, size="11 oz"),
        P("tote-canvas", "Canvas Tote Bags, Printed", 19999, 50, 12, ["tote bags", "canvas tote bags", "reusable bags"], None, material="cotton canvas"),
        P("tote-nonwoven", "Non-Woven Reusable Tote Bags, Printed", 14999, 100, 15, ["tote bags", "reusable bags"], None, material="non-woven polypropylene"),
        P("socks", "Custom Logo Crew Socks, Pairs", 29999, 50, 8, ["socks", "custom socks", "crew socks"], None, sizes="one size"),
        P("caps", "Custom Embroidered Baseball Caps, Black", 34999, 25, 8, ["caps", "baseball caps", "hats", "embroidered"], None, color="black"),
        P("dad-hats", "Custom Embroidered Dad Hats, Navy", 32999, 25, 8, ["caps", "dad hats", "hats", "embroidered"], None, color="navy"),
        P("beanies", "Custom Embroidered Knit Beanies, Charcoal", 29999, 25, 8, ["beanies", "hats", "winter hats"], None, color="charcoal"),
        P("backpacks", "Custom Logo Laptop Backpacks, 15.6 in", 49999, 10, 5, ["backpacks", "laptop backpacks"], None, size="15.6 in"),
        P("enamel-pins", "Custom Enamel Pins, 1 in", 24999, 100, 8, ["enamel pins", "pins", "lapel pins"], None, size="1 in"),
    ],
    "office_supplies": [
        P("pilot-g2", "Pilot G2 Retractable Gel Pens, Fine Point, Black", 1399, 12, 70, ["gel pens", "pens", "retractable"], "Pilot", color="black", point="0.7 mm"),
        P("bic-stic", "BIC Round Stic Ballpoint Pens, Medium Point, Blue", 899, 60, 80, ["ballpoint pens", "pens"], "BIC", color="blue", point="1.0 mm"),
        P("inkjoy-gel", "Paper Mate InkJoy Gel Pens, Medium Point, Assorted Colors", 1699, 14, 40, ["gel pens", "pens", "colored pens"], "Paper Mate", color="assorted", point="0.7 mm"),
        P("pens", "Retractable Gel Pens, Black", 1299, 24, 80, ["gel pens", "pens", "retractable"], STORE, color="black"),
        P("logo-pens", "Custom Printed Logo Pens, Retractable", 8999, 250, 12, ["pens", "custom pens", "promotional pens"], None, color="assorted"),
        P("five-star", "Five Star Spiral Notebooks, College Ruled, 1 Subject, 6 Pack", 1999, 6, 40, ["notebooks", "spiral notebooks", "college ruled"], "Five Star", ruling="college ruled", sheets="100"),
        P("composition", "Composition Notebooks, Wide Ruled, 12 Pack", 1499, 12, 50, ["notebooks", "composition notebooks", "wide ruled"], STORE, ruling="wide ruled", sheets="100"),
        P("moleskine", "Moleskine Classic Notebook, Hard Cover, Large, Ruled, Black", 2295, 1, 30, ["notebooks", "journals", "hardcover"], "Moleskine", ruling="ruled", size="5 x 8.25 in"),
        P("logo-notebooks", "Custom Logo Spiral Notebooks, 5 x 7 in", 9999, 50, 10, ["notebooks", "custom notebooks", "promotional notebooks"], None, size="5 x 7 in"),
        P("postit-3x3", "Post-it Super Sticky Notes, 3 x 3 in, Assorted Colors, 24 Pads", 2499, 24, 50, ["sticky notes", "post-it notes"], "Post-it", size="3 x 3 in", color="assorted"),
        P("sticky", "Sticky Notes, 3 x 3 in, Yellow, 24 Pads", 1749, 24, 70, ["sticky notes"], STORE, size="3 x 3 in", color="yellow"),
        P("easel-pad", "Post-it Super Sticky Easel Pad, 25 x 30 in, 2 Pads", 5499, 2, 30, ["easel pads", "flip chart paper", "sticky"], "Post-it", size="25 x 30 in"),
        P("expo-black", "EXPO Low-Odor Dry Erase Markers, Chisel Tip, Black", 1499, 12, 60, ["dry erase markers", "whiteboard markers", "markers"], "EXPO", color="black", tip="chisel"),
        P("expo-assorted", "EXPO Low-Odor Dry Erase Markers, Chisel Tip, Assorted Colors", 1599, 12, 60, ["dry erase markers", "whiteboard markers", "markers"], "EXPO", color="assorted", tip="chisel"),
        P("sharpie-black", "Sharpie Permanent Markers, Fine Point, Black", 999, 12, 80, ["permanent markers", "markers"], "Sharpie", color="black", tip="fine"),
        P("sharpie-assorted", "Sharpie Permanent Markers, Fine Point, Assorted Colors", 1999, 24, 50, ["permanent markers", "markers"], "Sharpie", color="assorted", tip="fine"),
        P("highlighters", "Sharpie Tank Highlighters, Chisel Tip, Assorted Colors", 1199, 12, 50, ["highlighters", "markers"], "Sharpie", color="assorted", tip="chisel"),
        P("whiteboard", "Magnetic Dry Erase Whiteboard, 48 x 36 in, Aluminum Frame", 8999, 1, 20, ["whiteboard", "dry erase board", "magnetic"], "Quartet", size="48 x 36 in"),
        P("mobile-whiteboard", "Mobile Whiteboard on Wheels, Double-Sided, 48 x 36 in", 17999, 1, 10, ["whiteboard", "mobile whiteboard", "rolling whiteboard", "dry erase board"], STORE, size="48 x 36 in"),
        P("copy-paper", "Copy Paper, 8.5 x 11 in, 20 lb, 10 Reams", 5499, 10, 30, ["copy paper", "printer paper", "paper"], STORE, size="8.5 x 11 in", sheets="5000"),
        P("binder-clips", "Binder Clips, Assorted Sizes, 120 Pack", 999, 120, 40, ["binder clips", "clips"], STORE),
        P("scotch-tape", "Scotch Magic Tape, 3/4 x 1000 in, 6 Rolls", 1299, 6, 40, ["tape", "clear tape"], "Scotch", size="3/4 x 1000 in"),
    ],
    "furniture_rental": [
        P("table-6ft", "6 ft Folding Banquet Table Rental (per day)", 1200, 1, 200, ["folding table", "banquet table", "table rental"], None, length="6 ft", seats="6"),
        P("table-8ft", "8 ft Folding Banquet Table Rental (per day)", 1500, 1, 150, ["folding table", "banquet table", "table rental"], None, length="8 ft", seats="8"),
        P("round-60", "60 in Round Table Rental, Seats 8 (per day)", 1600, 1, 100, ["round table", "banquet table", "table rental"], None, size="60 in", seats="8"),
        P("cocktail", "Cocktail Table Rental, 30 in High-Top (per day)", 1800, 1, 80, ["cocktail table", "high-top table", "table rental"], None, size="30 in", height="42 in"),
        P("conference-8ft", "Conference Table Rental, 8 ft, Seats 8 (per day)", 4500, 1, 30, ["conference table", "meeting table", "table rental"], None, length="8 ft", seats="8"),
        P("registration", "Registration Counter Rental, 6 ft (per day)", 9500, 1, 15, ["registration counter", "reception desk", "counter rental"], None, length="6 ft"),
        P("chair", "Folding Chair Rental, White Resin (per day)", 350, 1, 600, ["folding chair", "chair rental"], None, color="white", material="resin"),
        P("padded-chair", "Padded Folding Chair Rental, Black (per day)", 550, 1, 400, ["folding chair", "padded chair", "chair rental"], None, color="black"),
        P("chiavari", "Chiavari Chair Rental, Gold, with Cushion (per day)", 800, 1, 200, ["chiavari chair", "banquet chair", "chair rental"], None, color="gold"),
        P("stack-chair", "Stacking Conference Chair Rental (per day)", 650, 1, 300, ["conference chair", "stacking chair", "chair rental"], None, color="black"),
        P("bar-stool", "Bar Stool Rental, Black (per day)", 1200, 1, 120, ["bar stool", "stool", "chair rental"], None, color="black", height="30 in"),
        P("standing-desk", "Electric Standing Desk Rental (per day)", 4500, 1, 40, ["standing desk", "sit-stand desk", "desk rental"], None, size="60 x 30 in"),
        P("desk-converter", "Standing Desk Converter Rental (per day)", 2500, 1, 40, ["standing desk converter", "sit-stand converter", "desk riser", "converter rental"], None, size="32 in"),
        P("lounge-set", "Lounge Set Rental: Sofa, 2 Armchairs & Coffee Table (per day)", 27500, 1, 12, ["lounge set", "lounge furniture", "sofa", "furniture rental"], None, pieces="4", color="gray"),
        P("loveseat", "Leather Loveseat Rental, Black (per day)", 12500, 1, 15, ["loveseat", "sofa", "lounge furniture", "furniture rental"], None, color="black"),
        P("cube-ottoman", "Cube Ottoman Seating Rental, White (per day)", 3500, 1, 40, ["ottoman", "cube seating", "lounge furniture", "furniture rental"], None, color="white"),
    ],
    "av_gear": [
        P("laser-4k-kit", "4K Laser Projector Rental Kit (per day)", 34999, 1, 10, ["4k projector", "projector", "laser projector", "projector rental"], None, resolution="4K", brightness="5000 lumens"),
        P("epson-2350", "Epson Home Cinema 2350 4K PRO-UHD Smart Projector", 129999, 1, 8, ["4k projector", "projector"], "Epson", resolution="4K PRO-UHD", brightness="2800 lumens"),
        P("optoma-uhd38x", "Optoma UHD38x 4K UHD Projector", 109900, 1, 10, ["4k projector", "projector"], "Optoma", resolution="4K UHD", brightness="4000 lumens"),
        P("epson-880", "Epson Home Cinema 880 1080p Projector", 54999, 1, 15, ["1080p projector", "projector", "full hd"], "Epson", resolution="1080p", brightness="3300 lumens"),
        P("proj-1080-kit", "1080p Projector Rental with 100-inch Screen (per day)", 14999, 1, 15, ["1080p projector", "projector", "projector rental", "projection screen"], None, resolution="1080p", brightness="3500 lumens"),
        P("screen", "100-inch Portable Projection Screen with Stand", 11999, 1, 20, ["projection screen", "projector screen", "portable screen"], STORE, size="100 in", ratio="16:9"),
        P("screen-120", "Elite Screens Yard Master 2, 120-inch Outdoor Projector Screen", 19999, 1, 10, ["projection screen", "projector screen", "outdoor screen"], "Elite Screens", size="120 in", ratio="16:9"),
        P("sm58", "Shure SM58 Cardioid Dynamic Vocal Microphone", 9900, 1, 30, ["microphone", "dynamic microphone", "wired microphone"], "Shure", connector="XLR"),
        P("mic", "Wireless Handheld Microphone System, Dual Channel", 12999, 1, 25, ["wireless microphone", "microphone", "handheld microphone"], STORE, channels="2"),
        P("shure-blx288", "Shure BLX288/PG58 Dual Wireless Handheld Microphone System", 59900, 1, 10, ["wireless microphone", "microphone", "handheld microphone"], "Shure", channels="2"),
        P("rode-go2", "RODE Wireless GO II Dual Lavalier Microphone System", 29900, 1, 15, ["lavalier microphone", "wireless microphone", "microphone"], "RODE", channels="2"),
        P("lav-2pk", "Wireless Lavalier Lapel Microphones, 2 Pack", 3999, 2, 40, ["lavalier microphone", "wireless microphone", "microphone"], STORE, channels="2"),
        P("blue-yeti", "Blue Yeti USB Microphone", 12999, 1, 25, ["usb microphone", "microphone", "podcast microphone", "blue yeti"], "Logitech", connector="USB"),
        P("speaker", "Portable PA Speaker, 1000W, with Bluetooth", 29999, 1, 15, ["pa speaker", "speaker", "pa system", "bluetooth"], STORE, wattage="1000W"),
        P("jbl-eon710", "JBL EON710 10-inch Powered PA Speaker", 49900, 1, 10, ["pa speaker", "powered speaker", "speaker"], "JBL", wattage="1300W", woofer="10 in"),
        P("bose-s1", "Bose S1 Pro+ Portable Bluetooth PA System", 69900, 1, 8, ["pa system", "pa speaker", "speaker", "bluetooth"], "Bose", wattage="battery powered"),
        P("speaker-stands", "Tripod Speaker Stands, Adjustable, Pair", 5999, 2, 25, ["speaker stands", "tripod stands"], STORE),
        P("c920", "Logitech C920 HD Pro Webcam, 1080p", 6999, 1, 40, ["webcam", "1080p webcam", "usb webcam"], "Logitech", resolution="1080p"),
        P("brio-4k", "Logitech Brio 4K Webcam", 19999, 1, 20, ["webcam", "4k webcam", "usb webcam"], "Logitech", resolution="4K"),
        P("meeting-owl3", "Owl Labs Meeting Owl 3, 360-Degree Conference Camera", 99900, 1, 6, ["conference camera", "meeting owl", "360 camera", "webcam", "speakerphone"], "Owl Labs", resolution="1080p"),
        P("dell-27-4k", "Dell 27 4K UHD USB-C Monitor, S2722QC", 29999, 1, 20, ["monitor", "4k monitor", "usb-c monitor"], "Dell", resolution="4K", size="27 in"),
        P("tv-55-rental", "55-inch 4K Display Rental with Floor Stand (per day)", 19999, 1, 10, ["display", "4k tv", "tv rental", "display rental"], None, resolution="4K", size="55 in"),
        P("yamaha-mg10xu", "Yamaha MG10XU 10-Channel Mixer with Effects", 22999, 1, 10, ["audio mixer", "mixer", "mixing console"], "Yamaha", channels="10"),
        P("r500s", "Logitech R500s Presentation Remote", 2499, 1, 40, ["presentation remote", "clicker", "presenter"], "Logitech"),
    ],
    "cleaning": [
        P("clorox-wipes", "Clorox Disinfecting Wipes, Fresh Scent, 75 Count, 3 Pack", 1499, 3, 50, ["disinfecting wipes", "wipes", "bleach-free"], "Clorox", count="75 per canister"),
        P("lysol-wipes", "Lysol Disinfecting Wipes, Lemon & Lime Blossom, 80 Count, 4 Pack", 1999, 4, 40, ["disinfecting wipes", "wipes"], "Lysol", count="80 per canister"),
        P("wipes", "Disinfecting Wipes, 75 Count", 2499, 6, 50, ["disinfecting wipes", "wipes"], STORE, count="75 per canister"),
        P("lysol-spray", "Lysol Disinfectant Spray, Crisp Linen, 19 oz, 2 Pack", 1599, 2, 40, ["disinfectant spray", "disinfectant"], "Lysol", size="19 oz"),
        P("purell-pump", "PURELL Advanced Hand Sanitizer Gel, 12.6 fl oz Pump Bottles", 1999, 4, 40, ["hand sanitizer", "sanitizer", "pump bottles"], "PURELL", size="12.6 fl oz"),
        P("sanitizer", "Hand Sanitizer Pump Bottles, 12 oz", 2399, 12, 35, ["hand sanitizer", "sanitizer", "pump bottles"], STORE, size="12 oz"),
        P("sanitizer-stand", "Touch-Free Hand Sanitizer Floor Stand with Dispenser", 8999, 1, 15, ["hand sanitizer station", "sanitizer stand", "touch-free"], STORE),
        P("hefty-30gal", "Hefty Strong Large Trash Bags, 30 Gallon", 1699, 74, 40, ["trash bags", "garbage bags", "large trash bags"], "Hefty", size="30 gal"),
        P("glad-13gal", "Glad ForceFlex Tall Kitchen Trash Bags, 13 Gallon", 2299, 110, 40, ["trash bags", "kitchen trash bags"], "Glad", size="13 gal"),
        P("contractor-bags", "Heavy Duty Contractor Trash Bags, 42 Gallon", 2599, 50, 30, ["trash bags", "contractor bags", "heavy duty"], STORE, size="42 gal"),
        P("bounty", "Bounty Select-A-Size Paper Towels, Double Rolls", 3299, 12, 40, ["paper towels"], "Bounty", count="12 double rolls"),
        P("towels", "Paper Towels, 12 Rolls", 2899, 12, 45, ["paper towels"], STORE, count="12 rolls"),
        P("brute-32", "Rubbermaid Commercial BRUTE Trash Can, 32 Gallon, Gray", 4999, 1, 20, ["trash can", "garbage can", "commercial"], "Rubbermaid", size="32 gal", color="gray"),
        P("microfiber", "Microfiber Cleaning Cloths, 24 Pack", 1499, 24, 40, ["microfiber cloths", "cleaning cloths"], STORE),
        P("nitrile-gloves", "Disposable Nitrile Gloves, Powder-Free, Medium", 1299, 100, 40, ["disposable gloves", "nitrile gloves"], STORE, size="M"),
        P("spin-mop", "O-Cedar EasyWring Spin Mop and Bucket System", 3999, 1, 20, ["mop", "spin mop", "mop bucket"], "O-Cedar"),
    ],
    "networking": [
        P("u6-plus", "Ubiquiti UniFi U6+ Wi-Fi 6 Access Point", 12900, 1, 30, ["access point", "wi-fi 6", "wireless access point", "poe"], "Ubiquiti", standard="Wi-Fi 6", power="PoE"),
        P("u7-pro", "Ubiquiti UniFi U7 Pro Wi-Fi 7 Access Point", 18900, 1, 20, ["access point", "wi-fi 7", "wireless access point", "poe"], "Ubiquiti", standard="Wi-Fi 7", power="PoE+"),
        P("eap670", "TP-Link Omada EAP670 AX5400 Wi-Fi 6 Access Point", 15999, 1, 25, ["access point", "wi-fi 6", "wireless access point", "poe"], "TP-Link", standard="Wi-Fi 6", power="PoE+"),
        P("ap", "Wi-Fi 6 Access Point, PoE", 12999, 1, 30, ["access point", "wi-fi 6", "wireless access point", "poe"], STORE, standard="Wi-Fi 6", power="PoE"),
        P("sg108", "TP-Link TL-SG108 8-Port Gigabit Unmanaged Switch", 1999, 1, 60, ["network switch", "ethernet switch", "unmanaged switch", "8-port"], "TP-Link", ports="8", speed="1 Gbps"),
        P("gs308pp", "NETGEAR GS308PP 8-Port Gigabit PoE+ Switch, 83W", 9999, 1, 30, ["network switch", "poe switch", "8-port"], "NETGEAR", ports="8", poe_budget="83W"),
        P("gs324", "NETGEAR GS324 24-Port Gigabit Unmanaged Switch", 8999, 1, 25, ["network switch", "ethernet switch", "unmanaged switch", "24-port"], "NETGEAR", ports="24", speed="1 Gbps"),
        P("switch-24", "24-Port Gigabit PoE Switch", 28999, 1, 15, ["network switch", "poe switch", "24-port"], STORE, ports="24", poe_budget="250W"),
        P("usw-pro-24-poe", "Ubiquiti UniFi Switch Pro 24 PoE", 69900, 1, 8, ["network switch", "poe switch", "managed switch", "24-port"], "Ubiquiti", ports="24", poe_budget="400W"),
        P("archer-ax55", "TP-Link Archer AX55 AX3000 Wi-Fi 6 Router", 9999, 1, 30, ["router", "wi-fi router", "wi-fi 6"], "TP-Link", standard="Wi-Fi 6"),
        P("router", "Wi-Fi 6 Router, Tri-Band", 19999, 1, 20, ["router", "wi-fi router", "wi-fi 6"], STORE, standard="Wi-Fi 6"),
        P("ucg-ultra", "Ubiquiti UniFi Cloud Gateway Ultra", 12900, 1, 20, ["router", "gateway", "firewall"], "Ubiquiti", ports="5"),
        P("eero-pro-6e", "eero Pro 6E Mesh Wi-Fi System, 3 Pack", 44999, 1, 10, ["mesh wi-fi", "mesh wi-fi system", "router", "wi-fi 6e"], "eero", standard="Wi-Fi 6E", units="3"),
        P("beryl-ax", "GL.iNet Beryl AX Portable Travel Router", 9990, 1, 30, ["travel router", "router", "portable router", "wi-fi 6"], "GL.iNet", standard="Wi-Fi 6"),
        P("nighthawk-m6", "NETGEAR Nighthawk M6 5G Mobile Hotspot", 59999, 1, 8, ["mobile hotspot", "5g hotspot"], "NETGEAR", network="5G"),
        P("poe-injector", "TP-Link TL-POE160S PoE+ Injector", 2999, 1, 40, ["poe injector", "poe"], "TP-Link", power="30W"),
    ],
    "tableware": [
        P("dixie-10", "Dixie Everyday Paper Plates, 10 1/16 in", 1999, 220, 40, ["paper plates", "plates", "disposable plates"], "Dixie", size="10 in"),
        P("dixie-ultra-8", "Dixie Ultra Paper Plates, 8 1/2 in", 2499, 300, 35, ["paper plates", "plates", "disposable plates"], "Dixie", size="8.5 in"),
        P("plates", "Compostable Paper Plates, 10 in", 2499, 100, 40, ["compostable plates", "plates", "paper plates", "eco-friendly"], STORE, size="10 in"),
        P("plastic-plates", "Clear Plastic Dinner Plates, 10.25 in", 2299, 100, 30, ["plastic plates", "plates", "disposable plates"], STORE, size="10.25 in"),
        P("solo-16", "Solo Red Plastic Party Cups, 16 oz", 1299, 100, 50, ["plastic cups", "cups", "party cups"], "Solo", size="16 oz", color="red"),
        P("cups", "Compostable Cold Cups, 16 oz", 2199, 100, 45, ["compostable cups", "cups", "cold cups", "eco-friendly"], STORE, size="16 oz"),
        P("hot-cups", "Dixie PerfecTouch Insulated Paper Hot Cups, 12 oz", 1999, 160, 40, ["hot cups", "coffee cups", "cups", "paper cups"], "Dixie", size="12 oz"),
        P("clear-cups", "Clear Plastic Cups, 9 oz", 1799, 240, 40, ["plastic cups", "cups", "clear cups"], STORE, size="9 oz"),
        P("napkins", "Recycled Paper Napkins", 999, 250, 60, ["napkins", "paper napkins", "recycled"], STORE),
        P("vanity-fair", "Vanity Fair Everyday Napkins, 2-Ply", 1099, 300, 50, ["napkins", "paper napkins"], "Vanity Fair", ply="2"),
        P("cocktail-napkins", "Black Cocktail Napkins, 3-Ply", 1499, 200, 30, ["napkins", "cocktail napkins"], STORE, color="black", ply="3"),
        P("cutlery", "Compostable Cutlery Set", 2799, 100, 30, ["cutlery", "compostable cutlery", "utensils", "eco-friendly"], STORE, contents="fork, knife, spoon"),
        P("plastic-cutlery", "Heavy Duty Plastic Cutlery Set, White, 360 Pieces", 1599, 360, 40, ["cutlery", "plastic cutlery", "utensils"], STORE, color="white"),
        P("wrapped-kits", "Individually Wrapped Cutlery Kits with Napkin", 2999, 250, 25, ["cutlery", "cutlery kits", "utensils", "napkins"], STORE, contents="fork, knife, spoon, napkin"),
        P("paper-bowls", "Dixie Paper Bowls, 20 oz", 1899, 110, 30, ["bowls", "paper bowls", "disposable bowls"], "Dixie", size="20 oz"),
        P("tablecloths", "Plastic Tablecloths, 54 x 108 in, White, 12 Pack", 1799, 12, 30, ["tablecloths", "table covers", "disposable"], STORE, size="54 x 108 in", color="white"),
    ],
}


def price(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def main():
    offers = []
    for cat, products in PRODUCTS.items():
        for idx, p in enumerate(products):
            for vendor in ("amazon", "walmart", "tech_direct"):
                carries = CARRIERS[vendor]
                if carries is not None and cat not in carries:
                    continue
                if p["only"] is not None and vendor not in p["only"]:
                    continue
                factor, general_days, tech_days, stock_factor = PROFILE[vendor]
                sku, cents = p["sku"], p["cents"]
                # A deterministic wobble per (product, vendor) so no vendor always wins.
                wobble = ((idx * 7 + len(vendor) * 3 + len(sku)) % 9) - 4  # -4..+4 percent
                c = cents * (factor + wobble) // 100
                c = c - (c % 100) + 99 if c > 1000 else c  # retail-style .99 endings above $10
                days = tech_days if cat in TECH else general_days
                days += (idx + len(vendor)) % 3 - 1 if days > 1 else 0
                days = max(days, 1)
                same_day_cats, every = SAME_DAY.get(vendor, (set(), 1))
                if cat in same_day_cats and idx % every == 0:
                    days = 0
                brand = p["brand"]
                name = p["name"]
                if brand == STORE:
                    brand = STORE_BRANDS[KIND[cat]][vendor]
                    name = f"{brand} {name}"
                attributes = dict(p["attrs"])
                tags = list(p["tags"])
                if brand is not None:
                    attributes["brand"] = brand
                    if p["brand"] != STORE and brand.lower() not in tags:
                        tags.append(brand.lower())
                    # What shoppers call the brand ("Monster"), besides its full name.
                    tags.extend(a for a in BRAND_ALIASES.get(brand, []) if a not in tags)
                if p["brand"] == STORE:
                    # "water, no store brand": the vendor's own label says what it is.
                    attributes["label"] = "store brand"
                offers.append({
                    "id": f"{PREFIX[vendor]}-{cat.replace('_', '-')}-{sku}",
                    "vendor_id": vendor,
                    "category": cat,
                    "name": name,
                    "price": price(c),
                    "pack_size": p["pack"],
                    "delivery_days": days,
                    "stock": p["stock"] * stock_factor // 10 + (idx % 4),
                    "tags": tags,
                    "attributes": dict(sorted(attributes.items())),
                })
    check(offers)
    # One offer per line: readable diffs, and the file stays a plain JSON document.
    vendors = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in VENDORS)
    lines = ",\n".join("  " + json.dumps(o, ensure_ascii=False) for o in offers)
    out = pathlib.Path("flux-core/data/catalog.json")
    text = f'{{\n "vendors": [\n{vendors}\n ],\n "offers": [\n{lines}\n ]\n}}\n'
    if "--check" in sys.argv:
        # The committed catalog is this script's output: an edit made to the JSON alone would be
        # lost at the next regeneration.
        if out.read_text() != text:
            sys.exit(f"{out} is not what scripts/gen-catalog.py generates: edit the script and rerun it")
        print(f"{out}: generated by scripts/gen-catalog.py")
        return
    out.write_text(text)
    counts = {}
    for o in offers:
        counts[o["category"]] = counts.get(o["category"], 0) + 1
    print(f"{len(offers)} offers, {len(counts)} categories, {len(VENDORS)} vendors -> {out}")
    for cat, n in counts.items():
        print(f"  {cat}: {n}")


def check(offers):
    """The rules the kernel enforces, checked here so a bad edit fails before the tests do."""
    ids = set()
    for o in offers:
        assert o["id"] not in ids and len(o["id"]) <= 64, o["id"]
        ids.add(o["id"])
        assert 0 < len(o["name"]) <= 200, o["id"]
        assert len(o["tags"]) <= 32 and len(set(o["tags"])) == len(o["tags"]), o["id"]
        assert all(t == t.strip().lower() and 0 < len(t) <= 64 for t in o["tags"]), o["id"]
        assert len(o["attributes"]) <= 24, o["id"]
        for k, v in o["attributes"].items():
            assert k.replace("_", "").isalnum() and k == k.lower() and len(k) <= 32 and 0 < len(v) <= 128, (o["id"], k)


if __name__ == "__main__":
    main()
