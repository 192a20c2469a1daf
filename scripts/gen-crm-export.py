#!/usr/bin/env python3
"""Writes a Salesforce Data Loader export for the import benchmark and tests.

  scripts/gen-crm-export.py --opportunities 10000 --roles 40000 --out DIR [--seed 1]

DIR gets Opportunity.csv, Account.csv, Contact.csv, OpportunityContactRole.csv,
OpportunityLineItem.csv and User.csv: one account per opportunity, contacts spread over the
accounts, quoted Descriptions with commas and line breaks, CRLF line ends and a UTF-8 BOM on
the opportunities (as Excel writes them). The same seed gives the same bytes.
"""
import argparse
import csv
import os
import random

STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Won",
          "Closed Won", "Closed Lost"]
ROLES = ["Economic Buyer", "Technical Buyer", "Executive Sponsor", "Business User", "Evaluator", "Influencer"]
PRODUCTS = ["Core", "Analytics", "SSO Connector", "Parent Portal", "Premium Support"]
FIRST = ["Maria", "Tom", "Ann", "Raj", "Mei", "Sam", "Jane", "Ken", "Nora", "Ines", "Ravi", "Bo"]
LAST = ["Lopez", "Becker", "Lee", "Patel", "Chen", "Silva", "Doe", "Ito", "Sokolov", "Cohen", "Lind", "Park"]
PLACES = ["Lincoln", "Oak", "Cedar", "Maple", "River", "Lake", "Hill", "Stone", "Bay", "Pine", "Elm", "Ash"]
KINDS = ["Unified", "Academy", "Charter", "Schools", "College", "Institute"]


def sfid(prefix, number):
    return f"{prefix}{number:015d}"[:18]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--opportunities", type=int, default=10000)
    p.add_argument("--roles", type=int, default=40000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", required=True)
    args = p.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)

    def writer(name, header, bom=False):
        f = open(os.path.join(args.out, name), "w", newline="", encoding="utf-8-sig" if bom else "utf-8")
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        return f, w

    users = [(sfid("005", i), f"{FIRST[i % 12]} {LAST[(i * 5) % 12]}") for i in range(12)]
    f, w = writer("User.csv", ["Id", "Name", "Email"])
    for uid, name in users:
        w.writerow([uid, name, name.lower().replace(" ", ".") + "@vendor.example"])
    f.close()

    n = args.opportunities
    f, w = writer("Account.csv", ["Id", "Name", "BillingState"])
    for i in range(n):
        w.writerow([sfid("001", i), f"{PLACES[i % 12]} {KINDS[(i // 12) % 6]} {i}", r.choice(["CA", "NY", "TX", "WA"])])
    f.close()

    f, w = writer("Opportunity.csv", ["Id", "Name", "AccountId", "StageName", "CloseDate", "Amount", "CurrencyIsoCode",
                                      "OwnerId", "Description", "NextStep"], bom=True)
    for i in range(n):
        description = r.choice(["", "Renewal, with expansion", "Pilot first,\nthen district-wide", 'Said "yes" on the call'])
        w.writerow([sfid("006", i), f"Deal {i}", sfid("001", i), r.choice(STAGES),
                    f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}", f"{r.randrange(5, 200) * 1000}.00", "USD",
                    users[i % 12][0], description, ""])
    f.close()

    contacts = max(1, args.roles // 2)
    f, w = writer("Contact.csv", ["Id", "FirstName", "LastName", "Email", "Title", "AccountId"])
    for i in range(contacts):
        first, last = FIRST[i % 12], LAST[(i // 12) % 12]
        w.writerow([sfid("003", i), first, f"{last}{i}", f"{first.lower()}.{i}@customer.example",
                    r.choice(["Superintendent", "IT Director", "Principal", "Teacher"]), sfid("001", i % n)])
    f.close()

    f, w = writer("OpportunityContactRole.csv", ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"])
    for i in range(args.roles):
        contact = i % contacts
        w.writerow([sfid("00K", i), sfid("006", contact % n), sfid("003", contact), r.choice(ROLES),
                    "true" if i % 4 == 0 else "false"])
    f.close()

    f, w = writer("OpportunityLineItem.csv", ["Id", "OpportunityId", "Product2.Name", "Quantity"])
    for i in range(n):
        for product in r.sample(PRODUCTS, r.randrange(1, 3)):
            w.writerow([sfid("00k", i * 4 + PRODUCTS.index(product)), sfid("006", i), product, r.randrange(1, 500)])
    f.close()
    print(f"{n} opportunities, {args.roles} contact roles in {args.out}")


if __name__ == "__main__":
    main()
