// An object URL for a chosen file, for as long as the component shows it: made when the file changes,
// revoked when it changes again or the component goes away (an unrevoked URL keeps the file in memory).
import { useEffect, useState } from 'react';

export function useObjectUrl(file: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!file) return setUrl(undefined);
    const made = URL.createObjectURL(file);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return url;
}
