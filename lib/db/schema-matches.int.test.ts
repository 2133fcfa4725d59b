// The migrated database must be exactly what prisma/schema.prisma declares: the SQL migrations
// are hand-written (Prisma's migrate engine cannot run offline), so this is what keeps them honest.
import { readFileSync } from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object";
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
}
interface Dmmf {
  datamodel: { models: DmmfModel[]; enums: { name: string; values: { name: string }[] }[]; indexes: DmmfIndex[] };
}

const schema = readFileSync("prisma/schema.prisma", "utf8");
const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] }))) as Dmmf;
const { models, enums, indexes } = dmmf.datamodel;

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (f: DmmfField) => f.dbName ?? f.name;
const modelByName = new Map(models.map((m) => [m.name, m]));

function expectedUdt(f: DmmfField): string {
  let base: string;
  if (f.kind === "enum") base = f.type;
  else {
    const native = f.nativeType?.[0];
    base = {
      String: native === "Uuid" ? "uuid" : "text",
      Int: "int4",
      BigInt: "int8",
      Boolean: "bool",
      Json: "jsonb",
      DateTime: native === "Date" ? "date" : native === "Timestamptz" ? "timestamptz" : "timestamp",
      Float: "float8",
      Decimal: "numeric",
    }[f.type] ?? `unknown:${f.type}`;
  }
  return f.isList ? `_${base}` : base;
}

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
});
afterAll(() => client.end());

const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  (await client.query<T>(sql, params)).rows;

describe("migrated database matches prisma/schema.prisma", () => {
  it("has exactly the tables of the models (plus the migrations record)", async () => {
    const rows = await q<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(
      [...models.map(tableOf), "_prisma_migrations"].sort(),
    );
  });

  it("has every enum with its values in declaration order", async () => {
    for (const e of enums) {
      const rows = await q<{ enumlabel: string }>(
        `SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
          WHERE t.typname = $1 ORDER BY e.enumsortorder`,
        [e.name],
      );
      expect(rows.map((r) => r.enumlabel), e.name).toEqual(e.values.map((v) => v.name));
    }
  });

  for (const model of models) {
    it(`${model.name}: columns, types, nullability and defaults`, async () => {
      const rows = await q<{ column_name: string; udt_name: string; is_nullable: string; column_default: string | null; datetime_precision: number | null }>(
        `SELECT column_name, udt_name, is_nullable, column_default, datetime_precision
           FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [tableOf(model)],
      );
      const actual = new Map(rows.map((r) => [r.column_name, r]));
      const scalars = model.fields.filter((f) => f.kind !== "object");
      expect([...actual.keys()].sort()).toEqual(scalars.map(columnOf).sort());
      for (const f of scalars) {
        const col = actual.get(columnOf(f))!;
        const where = `${model.name}.${f.name}`;
        expect(col.udt_name, where).toBe(expectedUdt(f));
        // Lists are NOT NULL in Backline: an empty list, never a missing one.
        expect(col.is_nullable, where).toBe(f.isRequired || f.isList ? "NO" : "YES");
        expect(col.column_default !== null, `${where} default`).toBe(f.hasDefaultValue);
        const precision = f.nativeType?.[1]?.[0];
        if (precision) expect(col.datetime_precision, where).toBe(Number(precision));
      }
    });

    it(`${model.name}: foreign keys`, async () => {
      const relations = model.fields.filter((f) => f.kind === "object" && f.relationFromFields?.length);
      const rows = await q<{ columns: string[]; ref_table: string; ref_columns: string[]; on_delete: string }>(
        `SELECT array_agg(a.attname ORDER BY k.ord)::text[] AS columns, rt.relname AS ref_table,
                array_agg(ra.attname ORDER BY k.ord)::text[] AS ref_columns, c.confdeltype AS on_delete
           FROM pg_constraint c
           JOIN pg_class t ON t.oid = c.conrelid
           JOIN pg_class rt ON rt.oid = c.confrelid
           CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(col, refcol, ord)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
           JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = k.refcol
          WHERE c.contype = 'f' AND t.relname = $1
          GROUP BY c.oid, rt.relname, c.confdeltype`,
        [tableOf(model)],
      );
      const deleteCode: Record<string, string> = { Restrict: "r", Cascade: "c", SetNull: "n", NoAction: "a", SetDefault: "d" };
      const expected = relations.map((f) => {
        const target = modelByName.get(f.type)!;
        const col = (m: DmmfModel, name: string) => columnOf(m.fields.find((x) => x.name === name)!);
        return {
          columns: f.relationFromFields!.map((n) => col(model, n)),
          ref_table: tableOf(target),
          ref_columns: f.relationToFields!.map((n) => col(target, n)),
          on_delete: deleteCode[f.relationOnDelete ?? "Restrict"],
        };
      });
      const key = (r: { columns: string[] }) => r.columns.join(",");
      expect([...rows].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
        expected.sort((a, b) => key(a).localeCompare(key(b))),
      );
    });

    it(`${model.name}: primary key, unique constraints and indexes`, async () => {
      const table = tableOf(model);
      const rows = await q<{ indexname: string; indexdef: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1",
        [table],
      );
      const col = (name: string) => columnOf(model.fields.find((f) => f.name === name)!);
      const expected = indexes
        .filter((i) => i.model === model.name)
        .map((i) => {
          const cols = i.fields.map((f) => `${col(f.name)}`);
          const name =
            i.dbName ??
            (i.type === "id" ? `${table}_pkey` : i.type === "unique" ? `${table}_${cols.join("_")}_key` : `${table}_${cols.join("_")}_idx`);
          const method = (i.algorithm ?? "BTree").toLowerCase().replace("btree", "btree");
          const parts = i.fields.map(
            (f) => `${col(f.name)}${f.operatorClass ? ` ${f.operatorClass}` : ""}${f.sortOrder === "desc" ? " DESC" : ""}`,
          );
          const unique = i.type === "id" || i.type === "unique" ? "UNIQUE " : "";
          return [name, `CREATE ${unique}INDEX ${name} ON public.${table} USING ${method} (${parts.join(", ")})`];
        });
      expect(new Map(rows.map((r) => [r.indexname, r.indexdef]))).toEqual(new Map(expected as [string, string][]));
    });
  }
});
