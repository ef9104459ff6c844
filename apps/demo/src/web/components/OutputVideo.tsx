// The generated video, playing inline, and a link to keep it (provider output links expire in 24–48 h).
export function OutputVideo({ src }: { src: string }) {
  return (
    <figure className="output">
      {/* muted + playsInline: browsers only autoplay muted video, and iOS would otherwise go fullscreen. */}
      <video src={src} controls muted autoPlay playsInline loop aria-label="Generated video" />
      <figcaption>
        <a href={src} download="actkit-performance.mp4" target="_blank" rel="noreferrer">
          Download the MP4
        </a>{' '}
        <span className="hint">(output links expire after 24–48 hours: keep a copy)</span>
      </figcaption>
    </figure>
  );
}
