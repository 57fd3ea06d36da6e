/** A phone number shown masked, with a button that reveals this one number. */
import { useState } from 'react';
import { maskNumber } from '../format';

export function Masked({ number, label }: { number: string | null | undefined; label?: string }) {
  const [shown, setShown] = useState(false);
  if (!number) return <span>—</span>;
  return (
    <span className="masked">
      <span className="num" data-number-masked={shown ? undefined : ''}>
        {shown ? number : maskNumber(number)}
      </span>
      <button type="button" className="link" aria-pressed={shown} aria-label={`${shown ? 'Hide' : 'Reveal'} ${label ?? 'number'} ${maskNumber(number)}`} onClick={() => setShown(!shown)}>
        {shown ? 'hide' : 'reveal'}
      </button>
    </span>
  );
}
