// The evidence behind a visit's evaluation, for the doctor: each fired rule with the facts that made it
// fire (folded by default, with its sources), the imaging suggestion beside the seeds' comparison of diagnostic
// tools (folded), blood tests, and what is missing from a provisional result. Plain words first;
// rule ids only as small secondary text. (The advice is components/visits/advice-sections.tsx, split by audience.) Server-rendered; <details> needs no client JavaScript.
import { DIAGNOSTIC_TOOLS, askNowSentence, askNowLines, questionById, sourceByTag, type Evaluation, type Explanation } from "@/lib/clinical";
import { MODALITY_LABELS, URGENCY_LABELS } from "@/lib/contracts/labels";

function Sources({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="sources">
      {tags.map((tag) => {
        const source = sourceByTag(tag);
        if (!source) return <li key={tag}>{tag}</li>;
        return (
          <li key={tag}>
            {source.url ? (
              <a href={source.url} rel="noreferrer noopener" target="_blank">
                {source.title}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              source.title
            )}
          </li>
        );
      })}
    </ul>
  );
}

const KIND_LABELS: Record<Explanation["kind"], string> = {
  red_flag: "Red flag",
  pathway: "Pathway",
  advisory: "Advisory",
  data: "Data quality",
  out_of_scope: "Out of scope",
};

function RuleId({ id }: { id: string }) {
  return <span className="muted small rule-id" data-secondary-id> ({id})</span>;
}

function RuleCard({ e, evaluation }: { e: Explanation; evaluation: Evaluation }) {
  const tier = e.tier ? URGENCY_LABELS[e.tier] : null;
  // DATA-02's stored facts name fields; its plain lines come from the cannot-exclude list.
  const facts = e.rule === "DATA-02" ? askNowLines(evaluation.cannot_exclude).map(askNowSentence) : e.conditions;
  return (
    <article className={`rule-card${e.tier === "emergency" ? " rule-emergency" : ""}`} aria-labelledby={`rule-${e.rule}`}>
      <h3 id={`rule-${e.rule}`}>
        {e.tier === "emergency" && <span aria-hidden="true">⚠ </span>}
        {e.title}
        <RuleId id={e.rule} />
      </h3>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>
          {KIND_LABELS[e.kind]}
          {tier ? `, tier: ${tier}` : ""}
        </dd>
        {facts.length > 0 && (
          <>
            <dt>Why it fired (the answers that held)</dt>
            <dd>
              <ul className="conditions">
                {facts.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {e.suspected_condition && (
          <>
            <dt>Suspected condition</dt>
            <dd>{e.suspected_condition}</dd>
          </>
        )}
        <dt>Action</dt>
        <dd>{e.action}</dd>
        {e.message && e.message !== e.action && (
          <>
            <dt>Message</dt>
            <dd>{e.message}</dd>
          </>
        )}
        {e.imaging && (
          <>
            <dt>Imaging from this rule</dt>
            <dd>
              {MODALITY_LABELS[e.imaging.modality]}: {e.imaging.detail}
            </dd>
          </>
        )}
        {e.related_conditions.length > 0 && (
          <>
            <dt>Related conditions</dt>
            <dd>{e.related_conditions.join(", ")}</dd>
          </>
        )}
        {e.sources.length > 0 && (
          <>
            <dt className="visually-hidden">Sources</dt>
            <dd>
              <details className="review-fold">
                <summary>Sources ({e.sources.length})</summary>
                <Sources tags={e.sources} />
              </details>
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

/** Fired red-flag and pathway rules, most urgent first, then data and scope flags. */
export function FiredRules({ evaluation }: { evaluation: Evaluation }) {
  const order = { emergency: 0, urgent: 1, routine_soon: 2, none: 3 } as const;
  const rules = evaluation.explanations
    .filter((e) => e.kind === "red_flag" || e.kind === "pathway" || e.kind === "data" || e.kind === "out_of_scope")
    .toSorted((a, b) => (a.tier ? order[a.tier] : 4) - (b.tier ? order[b.tier] : 4));
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Rule details and sources</h2>
      {rules.length === 0 ? (
        <p>No red flag or pathway rule fired.</p>
      ) : (
        <details className="review-fold">
          <summary>
            {rules.length === 1 ? "Show the rule that fired" : `Show the ${rules.length} rules that fired`}, with their sources
          </summary>
          {rules.map((e) => (
            <RuleCard key={e.rule} e={e} evaluation={evaluation} />
          ))}
        </details>
      )}
    </section>
  );
}

export function ImagingEvidence({ evaluation }: { evaluation: Evaluation }) {
  const { imaging } = evaluation;
  const suggested = imaging.modality === "none" ? "exam" : imaging.modality;
  const tools = DIAGNOSTIC_TOOLS.filter((t) => t.id !== "blood");
  const source = imaging.rule ? evaluation.explanations.find((e) => e.rule === imaging.rule) : undefined;
  return (
    <section className="card" aria-labelledby="imaging-title">
      <h2 id="imaging-title">Imaging suggestion: {MODALITY_LABELS[imaging.modality]}</h2>
      <p>{imaging.detail}</p>
      {imaging.notes.map((note) => (
        <p key={note} className="notice">
          {note.charAt(0).toUpperCase() + note.slice(1)}.
        </p>
      ))}
      <p className="muted">
        {source ? (
          <>
            Suggested because of: {source.title}
            {imaging.tier ? `; timing as for ${URGENCY_LABELS[imaging.tier].toLowerCase()}` : ""}.
            <span className="small" data-secondary-id>
              {" "}
              ({imaging.rule}
              {imaging.precedence ? `, position ${imaging.precedence} in the imaging order` : ""})
            </span>
          </>
        ) : imaging.rule ? (
          <>
            Suggested by a rule<span className="small" data-secondary-id> ({imaging.rule})</span>.
          </>
        ) : (
          "No rule suggests imaging."
        )}
      </p>
      {imaging.also_consider.length > 0 && (
        <>
          <h3>Also consider</h3>
          <ul>
            {imaging.also_consider.map((a) => (
              <li key={a.rule}>
                {a.title}
                <RuleId id={a.rule} />
                {a.modality !== "none" ? `: ${MODALITY_LABELS[a.modality]}` : ""}
                {a.detail ? `. ${a.detail}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="review-fold">
      <summary>
        <span id="tools-title">Diagnostic tools compared</span>
      </summary>
      {/* Focusable so keyboard users can scroll the comparison sideways on narrow screens. */}
      <div className="table-scroll" role="region" aria-labelledby="tools-title" tabIndex={0}>
        <table className="tools" aria-labelledby="tools-title">
          <thead>
            <tr>
              <th scope="col">Tool</th>
              <th scope="col">Shows well</th>
              <th scope="col">Weak spots</th>
              <th scope="col">Cost and speed</th>
              <th scope="col">Radiation</th>
              <th scope="col">When suggested</th>
            </tr>
          </thead>
          <tbody>
            {tools.map((t) => (
              <tr key={t.id} className={t.id === suggested ? "tool-suggested" : undefined}>
                <th scope="row">
                  {t.tool}
                  {t.id === suggested && <strong className="tag"> Suggested</strong>}
                </th>
                <td>{t.shows_well}</td>
                <td>{t.weak_spots}</td>
                <td>{t.cost_and_speed}</td>
                <td>{t.radiation}</td>
                <td>{t.when_suggested}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      </details>
    </section>
  );
}

export function BloodEvidence({ evaluation }: { evaluation: Evaluation }) {
  const blood = evaluation.blood_tests;
  return (
    <section className="card" aria-labelledby="blood-title">
      <h2 id="blood-title">Blood tests</h2>
      {blood.required ? (
        <>
          <p>{blood.panel.join(", ")}</p>
          <ul>
            {blood.panels.map((p) => (
              <li key={`${p.key}-${p.rule}`}>
                {p.tests.join(", ")}
                <span className="muted small" data-secondary-id>
                  {" "}
                  (panel {p.key}, from {p.rule})
                </span>
              </li>
            ))}
          </ul>
          {blood.at_doctors_choice.length > 0 && <p>At the doctor&apos;s choice: {blood.at_doctors_choice.join(", ")}.</p>}
        </>
      ) : (
        <p>No blood tests suggested.</p>
      )}
    </section>
  );
}

export function ProvisionalNotice({ evaluation }: { evaluation: Evaluation }) {
  if (evaluation.status !== "provisional") return null;
  return (
    <section className="card provisional" aria-labelledby="provisional-title">
      <h2 id="provisional-title">Provisional: answers missing</h2>
      <p>The result rests on blank safety answers. Ask these before relying on it:</p>
      <ul>
        {evaluation.missing.map((f) => (
          <li key={f}>{questionById(f)?.label ?? f}</li>
        ))}
      </ul>
    </section>
  );
}

/** The emergency rules that fired, by title (the rule id as small secondary text): the emergency banner's list. */
export function EmergencyRules({ evaluation }: { evaluation: Evaluation }) {
  return (
    <ul>
      {evaluation.explanations
        .filter((e) => e.tier === "emergency")
        .map((e) => (
          <li key={e.rule}>
            {e.title}
            <span className="small" data-secondary-id> ({e.rule})</span>
          </li>
        ))}
    </ul>
  );
}
