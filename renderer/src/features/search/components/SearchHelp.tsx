/** The query syntax in short, from the same table the CLI prints. */
import { QUERY_HELP } from '../../../../../shared/search/query';

export function SearchHelp() {
  return (
    <dl className="search-help">
      {QUERY_HELP.map((h) => (
        <div key={h.syntax}>
          <dt>
            <code>{h.syntax}</code>
          </dt>
          <dd>{h.means}</dd>
        </div>
      ))}
    </dl>
  );
}
