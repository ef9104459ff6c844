// express4 is Express 4.21 installed under an alias (npm:express@4.21.2); its API is the part of
// Express 5's types the suite uses.
declare module 'express4' {
  import type express from 'express';

  const express4: typeof express;
  export default express4;
}
