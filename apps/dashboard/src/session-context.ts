import { createContext } from 'preact';
import type { Role } from './roles';

/** The signed-in key and the role the API gave it. */
export type Session = Readonly<{ key: string; role: Role }>;

export const SessionContext = createContext<Session>({ key: '', role: 'reader' });
